import { PROBE_STRING, compareProbe } from '../../src/probes/gb18030.ts';
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
 */
export class EncodingProbe implements TaskProvider {
  private tries = 0;
  private completed = false;

  constructor(private readonly enabled: boolean, private readonly maxTries = 2) {}

  next(node: Parameters<TaskProvider['next']>[0], screen: Parameters<TaskProvider['next']>[1], snapshot: Snapshot): Task | undefined {
    if (!this.enabled || this.completed || this.tries >= this.maxTries || !screen.inApp) return undefined;
    const field = safeTextFields(snapshot)[0];
    if (!field) return undefined;
    this.tries++;
    return {
      name: 'encoding-probe',
      run: async (ctx) => {
        const locator = locatorFor(snapshot, field);
        const selector: Record<string, string> = field.resourceId ? { 'resource-id': field.resourceId } : { bounds: field.attrs.bounds ?? '' };
        await ctx.act({ kind: 'type', from: node, details: { selector, label: field.hint || 'text field', detail: 'GB 18030 probe string' } }, () =>
          ctx.device.type(locator, PROBE_STRING, ctx.signal),
        );
        const sample = await ctx.saveSample('probe');
        const back = findField(sample.snapshot, field);
        ctx.addProbe({
          kind: 'encoding',
          state: node.key,
          bounds: field.bounds,
          locator,
          typed: PROBE_STRING,
          readBack: back ? back.text : '',
        });
        this.completed = true;
        // Characters replaced by one and the same character: the recording replays that behaviour.
        const { replaced } = compareProbe(PROBE_STRING, back?.text ?? '');
        const by = new Set(replaced.map((r) => r.by));
        if (replaced.length && by.size === 1) ctx.writer.setInput(replaced.map((r) => r.cp), [...by][0]!);
        await ctx.act({ kind: 'type', from: node, details: { selector, label: field.hint || 'text field', detail: 'clear the probe' } }, () =>
          ctx.device.clear(locator, ctx.signal),
        );
        ctx.log.info({ state: node.key, intact: back?.text === PROBE_STRING }, 'encoding probe done');
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
