/**
 * The app's back stack and process status (spec: "Back stack", "Moves", "Back key"). Pure.
 * Every entry and every launcher appearance gets a fresh serial: it names the screen instance
 * that element ids belong to.
 */
export type AppStatus = 'foreground' | 'background' | 'stopped';

export interface Entry {
  serial: number;
  stateId: string;
  /** When the state was entered (or uncovered again): timers count from here. */
  enteredAt: number;
  /** Typed text by node index; lives as long as the entry stays on the stack. */
  typed: Map<number, string>;
  /** Index of the EditText that has the focus. */
  focused?: number;
}

export class BackStack {
  private entries: Entry[] = [];
  private serial = 0;
  status: AppStatus = 'stopped';
  /** Key of the launcher screen shown while the app is not in the foreground. */
  launcherKey = 'l0';

  /** Launching the app: the stack becomes `[start]`. */
  launch(start: string, at: number): void {
    this.entries = [this.entry(start, at)];
    this.status = 'foreground';
  }

  /** The current screen; only meaningful in the foreground. */
  get top(): Entry {
    const e = this.entries[this.entries.length - 1];
    if (!e) throw new Error('the app has no screen: it is not in the foreground');
    return e;
  }

  ids(): string[] {
    return this.entries.map((e) => e.stateId);
  }

  /** `to` pushes (or replaces the top); `@back` pops. */
  move(to: string, replace: boolean, at: number): void {
    if (to === '@back') return this.pop(at);
    const e = this.entry(to, at);
    if (replace) this.entries[this.entries.length - 1] = e;
    else this.entries.push(e);
  }

  /** Pops the top; popping the last screen sends the app to the background. */
  pop(at: number): void {
    this.entries.pop();
    if (this.entries.length === 0) this.leave('background');
    else this.top.enteredAt = at;
  }

  /** The app leaves the foreground (HOME, last pop, terminate): its screens are gone. */
  leave(status: Exclude<AppStatus, 'foreground'>): void {
    this.status = status;
    this.entries = [];
    this.launcherKey = `l${++this.serial}`;
  }

  describe(): string {
    return this.status === 'foreground' ? `[${this.ids().join(', ')}]` : `launcher (app ${this.status})`;
  }

  private entry(stateId: string, at: number): Entry {
    return { serial: ++this.serial, stateId, enteredAt: at, typed: new Map() };
  }
}
