import type { HostProfile } from './host-profile.ts';

/**
 * Alipay (支付宝). Sources (test/fixtures/apps/mini-alipay/SOURCES.md):
 * - host package `com.eg.android.AlipayGphone`, home `.AlipayLogin` (constants of public
 *   accessibility/automation projects);
 * - mini-programs (小程序, "tiny apps") run in the Nebula/Ariver container
 *   `com.alipay.mobile.nebulax.integration.mpaas.activity.NebulaActivity$Main` and its `$Lite1…`
 *   process slots (activity ids in a public GKD subscription), in recent releases
 *   `com.alipay.mobile.nebulax.xriver.activity.XRiverActivity` (feymanpaper/GKD_subscription,
 *   src/apps/com.eg.android.AlipayGphone.ts, whose capsule menu has "Add to Home"); older releases
 *   and H5 apps use `com.alipay.mobile.nebulacore.ui.H5Activity` (crazyyj/WoolHelper, ClassName.kt).
 * The about entry of Alipay's capsule menu is 关于 (older: 关于小程序).
 */
export const ALIPAY: HostProfile = {
  id: 'alipay',
  label: '支付宝',
  package: 'com.eg.android.AlipayGphone',
  container: /^com\.alipay\.mobile\.(nebulax\.integration\.mpaas\.activity\.NebulaActivity\$(Main|Lite\d+)|nebulax\.xriver\.activity\.XRiverActivity\d*|nebulacore\.ui\.H5Activity)$/,
  capsule: { more: ['更多', '···', '...', '更多操作'], close: ['关闭', '关闭小程序', '退出'] },
  menuWords: ['分享', '添加到首页', '添加到桌面', '收藏', '取消收藏', '重新进入', '设置', '投诉', '反馈', '客服', '返回首页'],
  aboutEntry: ['关于', '关于小程序', '小程序信息'],
  search: { entry: ['搜索'], submit: ['搜索'] },
};
