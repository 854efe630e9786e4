import type { HostProfile } from './host-profile.ts';

/**
 * WeChat (微信). Sources (docs/lab.md, test/fixtures/apps/mini-wechat/SOURCES.md):
 * - each mini-program runs in its own task and process, `com.tencent.mm/.plugin.appbrand.ui.AppBrandUI`,
 *   `AppBrandUI1`…`AppBrandUI4` beside `.ui.LauncherUI` (an `adb shell dumpsys activity activities`
 *   listing in a public write-up on WeChat's mini-program task stack; the same names appear in
 *   Appium scripts as `driver.wait_activity(".plugin.appbrand.ui.AppBrandUI")`);
 * - the mini-program's profile ("更多资料") is `.plugin.appbrand.ui.AppBrandProfileUI` (decompiled
 *   WeChat classes in public repositories);
 * - the host's home is `.ui.LauncherUI`, its search `.plugin.fts.ui.FTSMainUI`.
 */
export const WECHAT: HostProfile = {
  id: 'wechat',
  label: '微信',
  package: 'com.tencent.mm',
  container: /^(com\.tencent\.mm)?\.plugin\.appbrand\.ui\.AppBrandUI\d*$/,
  about: /^(com\.tencent\.mm)?\.plugin\.appbrand\.ui\.(AppBrandProfileUI|profile\.AppBrandProfileUI\w*)$/,
  capsule: { more: ['更多', '···', '...', '更多操作'], close: ['关闭', '关闭小程序', '退出小程序'] },
  menuWords: ['发送给朋友', '转发给朋友', '分享到朋友圈', '添加到我的小程序', '添加到桌面', '重新进入小程序', '在聊天中置顶', '反馈与投诉', '浮窗', '复制链接', '设置'],
  aboutEntry: ['更多资料', '关于', '小程序资料', '查看小程序资料'],
  search: { entry: ['搜索'], submit: ['搜索'] },
};
