/**
 * The home screen shown once the app has left the foreground (last screen popped, HOME pressed,
 * app terminated). Its page source holds no element of the app: only launcher3 nodes, among them
 * the app's icon, which relaunches the app when tapped.
 */
import sharp from 'sharp';
import { formatBounds } from '@govapp/app-graph/geometry';
import type { ScreenView, ViewNode } from './view.ts';

export const LAUNCHER_PACKAGE = 'com.android.launcher3';
export const LAUNCHER_ACTIVITY = '.uioverrides.QuickstepLauncher';
export const LAUNCHER_ICON_ID = `${LAUNCHER_PACKAGE}:id/icon`;

function node(index: number, depth: number, parent: number | undefined, children: number[], attrs: Record<string, string>, b: [number, number, number, number]): ViewNode {
  const bounds = { x1: b[0], y1: b[1], x2: b[2], y2: b[3] };
  return {
    index, parent, children, depth, bounds,
    attrs: {
      index: '0', package: LAUNCHER_PACKAGE, class: 'android.widget.FrameLayout', text: '', 'content-desc': '', 'resource-id': '',
      checkable: 'false', checked: 'false', clickable: 'false', enabled: 'true', focusable: 'false', focused: 'false',
      'long-clickable': 'false', password: 'false', scrollable: 'false', selected: 'false',
      bounds: formatBounds(bounds), displayed: 'true', ...attrs,
    },
  };
}

export function launcherView(key: string, width: number, height: number, appLabel: string): ScreenView {
  const w = Math.floor(width / 4);
  const top = Math.floor(height / 6);
  const nodes = [
    node(0, 0, undefined, [1], {}, [0, 0, width, height]),
    node(1, 1, 0, [2], { 'resource-id': `${LAUNCHER_PACKAGE}:id/workspace`, scrollable: 'true' }, [0, 0, width, height]),
    node(2, 2, 1, [], {
      class: 'android.widget.TextView', text: appLabel, 'content-desc': appLabel, 'resource-id': LAUNCHER_ICON_ID,
      clickable: 'true', focusable: 'true', 'long-clickable': 'true',
    }, [0, top, w, top + w]),
  ];
  return { key, stateId: undefined, package: LAUNCHER_PACKAGE, activity: LAUNCHER_ACTIVITY, width, height, rotation: 0, nodes };
}

/** A plain wallpaper-coloured PNG of the screen's size, base64. */
export async function launcherScreenshot(width: number, height: number): Promise<string> {
  const png = await sharp({ create: { width, height, channels: 3, background: { r: 32, g: 48, b: 64 } } }).png().toBuffer();
  return png.toString('base64');
}
