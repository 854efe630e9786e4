import type { HostProfile } from './host-profile.ts';

/**
 * Quick apps (快应用) in the open-source hapjs engine (hapjs-platform/hapjs, Apache-2.0): a quick
 * app is opened by `hap://app/<package>` and runs in one of the engine's launcher slots,
 * `org.hapjs.LauncherActivity$Launcher0`…`$Launcher4` (`getClassName(launcherId)` in the
 * engine's launcher code). Vendor engines (com.huawei.fastapp, com.miui.hybrid,
 * com.nearme.instant.platform, com.vivo.hybrid) use their own activity names; a lab names its
 * engine package with `--engine` / `quickApp.engine`, and its container pattern in govapp.yaml
 * (`mini.container`). The engine's menu bar (··· / ×) plays the capsule's part; 关于 opens the
 * quick app's about page.
 */
export const QUICK_APP: HostProfile = {
  id: 'quickapp',
  label: '快应用',
  package: 'org.hapjs.mockup',
  container: /(^|\.)LauncherActivity\$Launcher\d+$/,
  capsule: { more: ['更多', '···', '...', '菜单'], close: ['关闭', '退出'] },
  menuWords: ['分享', '添加到桌面', '创建桌面图标', '关于', '设置', '投诉反馈', '更多快应用', '返回首页'],
  aboutEntry: ['关于', '关于快应用'],
};
