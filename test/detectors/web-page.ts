/**
 * Page sources of H5 pages as WebDevice writes them (a document FrameLayout with `web-*`
 * attributes), for detector cases: `webPage(title, [webText('…', { y, footer, read })])`.
 */
export interface WebTextOptions {
  y?: number;
  tag?: string;
  /** Inside the page footer (`web-footer`). */
  footer?: boolean;
  /** Off screen, below the viewport, read through (`displayed=false web-read`). */
  read?: boolean;
  clickable?: boolean;
}

export function webText(text: string, o: WebTextOptions = {}): string {
  const y = o.y ?? 800;
  const extra = `${o.footer ? ' web-footer="true"' : ''}${o.read ? ' web-read="true"' : ''}`;
  return `<android.widget.TextView index="0" class="android.widget.TextView" text="${text}" clickable="${o.clickable ?? false}" enabled="true" bounds="[30,${y}][1050,${y + 60}]" displayed="${!o.read}" web-tag="${o.tag ?? 'p'}"${extra} />`;
}

export function webPage(title: string, body: string[], pkg = 'http://127.0.0.1:8080'): string {
  return `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2340">
  <android.widget.FrameLayout index="0" package="${pkg}" class="android.widget.FrameLayout" text="" scrollable="true" bounds="[0,0][1080,2340]" displayed="true" web-tag="html" web-title="${title}">
    <android.widget.TextView index="0" package="${pkg}" class="android.widget.TextView" text="${title}" bounds="[30,60][1050,150]" displayed="true" web-tag="h1" web-role="heading" />
    ${body.join('\n    ')}
  </android.widget.FrameLayout>
</hierarchy>`;
}
