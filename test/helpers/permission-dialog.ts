/** A system permission dialog as UiAutomator dumps it (Android 14 permission controller), for table tests. */
export const PERMISSION_PACKAGE = 'com.android.permissioncontroller';

/** `allow` names the first button: the "while using the app" one by default, or "always" (background location). */
export function permissionDialog(message: string, allow: 'foreground_only' | 'always' = 'foreground_only'): string {
  const allowText = allow === 'always' ? '始终允许' : '仅在使用该应用时允许';
  return `<hierarchy rotation="0" width="1080" height="2340">
  <node class="android.widget.LinearLayout" package="${PERMISSION_PACKAGE}" bounds="[60,831][1020,1509]">
    <node class="android.widget.TextView" package="${PERMISSION_PACKAGE}" text="${message}" resource-id="${PERMISSION_PACKAGE}:id/permission_message" bounds="[100,876][980,1005]"/>
    <node class="android.widget.Button" package="${PERMISSION_PACKAGE}" text="${allowText}" resource-id="${PERMISSION_PACKAGE}:id/permission_allow_${allow}_button" clickable="true" bounds="[100,1049][980,1159]"/>
    <node class="android.widget.Button" package="${PERMISSION_PACKAGE}" text="不允许" resource-id="${PERMISSION_PACKAGE}:id/permission_deny_button" clickable="true" bounds="[100,1309][980,1419]"/>
  </node>
</hierarchy>`;
}
