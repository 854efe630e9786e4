import { PROBE_STRING, chunkUtf16, compareProbe, lengthLimitCut } from '../../src/probes/gb18030.ts';
import type { Snapshot, UiElement } from '../../src/snapshot/model.ts';
import type { Task, TaskProvider } from '../explorer.ts';
import { locatorFor, safeTextFields } from '../forms.ts';

/**
 * 4.4 GB 18030-2022 level 3: type the probe string (levels 1–3, BMP and beyond) into the first
 * safe text field met (a search box, a feedback text area — never a login, password, ID,
 * phone or payment field), read the field back from the page source, then clear it and leave
 * without submitting anything.
 *
 * Input path: Appium's element "send keys" (`elementSendKeys`). On UiAutomator2 it sets the
 * text through the accessibility action ACTION_SET_TEXT, which takes any Unicode string,
 * surrogate pairs included. Key-event typing (`mobile: type`, adb `input text`) cannot produce
 * characters outside the BMP, and IME-based typing depends on the installed keyboard, so neither
 * would test the app: both would lose the level-3 characters before the app ever saw them.
 *
 * Length limits: a field with `max-text-length` (counted in UTF-16 units, as Android's
 * LengthFilter and UiAutomator2's setText count) gets the probe in pieces that fit, never cut
 * through a surrogate pair; a field that cuts the text anyway (a limit the page source does not
 * show) is recognised by its read-back being a UTF-16 prefix of what was typed — a split pair
 * shows as `?` — and the rest is typed again in pieces of the length it kept. A cut is the
 * field's length limit, not the app's encoding: it must not read as a 4.4 failure.
 */
export class EncodingProbe implements TaskProvider {
  private tries = 0;
  private completed = false;

  constructor(private readonly enabled: boolean, private readonly maxTries = 2) {}

  next(node: Parameters<TaskProvider['next']>[0], screen: Parameters<TaskProvider['next']>[1], snapshot: Snapshot): Task | undefined {
    if (!this.enabled || this.completed || this.tries >= this.maxTries || !screen.inApp) return undefined;
    const field = safeTextFields(snapshot)[0];
    if (!field) return undefined;
    const pieces = chunkUtf16(PROBE_STRING, Number(field.attrs['max-text-length'] ?? 0));
    if (!pieces) return undefined; // a limit under one supplementary character: nothing to learn here
    this.tries++;
    return {
      name: 'encoding-probe',
      run: async (ctx) => {
        const locator = locatorFor(snapshot, field);
        const selector: Record<string, string> = field.resourceId ? { 'resource-id': field.resourceId } : { bounds: field.attrs.bounds ?? '' };
        const label = field.hint || 'text field';
        let typed = '';
        let readBack = '';
        let found = false;
        const queue = [...pieces];
        // Each piece is typed once; a cut piece leaves a shorter rest, so this ends.
        for (let piece = queue.shift(); piece !== undefined; piece = queue.shift()) {
          const text = piece;
          await ctx.act({ kind: 'type', from: node, details: { selector, label, detail: 'GB 18030 probe string' } }, () => ctx.device.type(locator, text, ctx.signal));
          const sample = await ctx.saveSample('probe');
          const back = findField(sample.snapshot, field);
          found ||= back !== undefined;
          const got = back?.text ?? '';
          const kept = lengthLimitCut(text, got);
          if (kept !== undefined) {
            ctx.log.info({ state: node.key, limit: got.length }, 'encoding probe: the field cuts its text; typing the rest in pieces');
            typed += kept;
            readBack += kept;
            queue.unshift(...(chunkUtf16(text.slice(kept.length), kept.length) ?? []));
            continue;
          }
          typed += text;
          readBack += got;
        }
        ctx.addProbe({ kind: 'encoding', state: node.key, bounds: field.bounds, locator, typed, readBack: found ? readBack : '' });
        this.completed = true;
        // Characters replaced by one and the same character: the recording replays that behaviour.
        const { replaced } = compareProbe(typed, readBack);
        const by = new Set(replaced.map((r) => r.by));
        if (replaced.length && by.size === 1) ctx.writer.setInput(replaced.map((r) => r.cp), [...by][0]!);
        await ctx.act({ kind: 'type', from: node, details: { selector, label, detail: 'clear the probe' } }, () => ctx.device.clear(locator, ctx.signal));
        ctx.log.info({ state: node.key, intact: typed === PROBE_STRING && readBack === typed }, 'encoding probe done');
      },
    };
  }
}

function findField(s: Snapshot, f: UiElement): UiElement | undefined {
  if (f.resourceId) {
    const m = s.elements.filter((e) => e.resourceId === f.resourceId);
    if (m.length === 1) return m[0];
  }
  return s.elements.find((e) => e.className === f.className && e.bounds.x1 === f.bounds.x1 && e.bounds.y1 === f.bounds.y1);
}
