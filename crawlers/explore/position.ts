import type { Snapshot } from '../../src/snapshot/model.ts';
import type { StateNode } from '../graph.ts';

/** The screen the crawl last read. */
export interface Here {
  /** Its state; undefined when the crawl is outside the app (launcher, another app). */
  key: string | undefined;
  snapshot: Snapshot;
  source: string;
  package: string;
  activity: string;
}

/**
 * Where the crawl stands: the one piece of state every part of the explorer reads. It has one
 * writer for each field — the Observer sets `here` after every screen read, the Mover extends
 * the path with each action, the Traveller names the state it is heading for — and everyone
 * else only reads it.
 */
export class Position {
  private last: Here | undefined;
  private steps: number[] = [];
  private target: StateNode | undefined;

  /** The screen as last read (undefined before the first read). */
  get here(): Readonly<Here> | undefined {
    return this.last;
  }

  /** The state the crawl stands on; undefined outside the app or before the first read. */
  get key(): string | undefined {
    return this.last?.key;
  }

  /** Observer: the screen just read. */
  arrive(here: Here): void {
    this.last = here;
  }

  /** Seq numbers of the actions that led here from the launch (a screen's `path`). */
  get path(): readonly number[] {
    return this.steps;
  }

  /** Mover: one more action taken (a relaunch starts the path over). */
  step(seq: number, relaunch: boolean): void {
    this.steps = relaunch ? [] : [...this.steps, seq];
  }

  /** Mover: a shorter known way here replaces the path taken. */
  shortcut(path: readonly number[]): void {
    if (path.length < this.steps.length) this.steps = [...path];
  }

  /** The state a travel is heading for, if any: what a loop was seeking. */
  get seeking(): StateNode | undefined {
    return this.target;
  }

  /** Traveller: heading for `node` (undefined when the travel is over). */
  seek(node: StateNode | undefined): void {
    this.target = node;
  }
}
