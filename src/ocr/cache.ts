import { sameText, SIMILARITY_DEFAULTS, type Fingerprint, type SimilarityOptions } from './similar.ts';

export type CacheMatch = 'exact' | 'perceptual';

/**
 * Least-recently-used cache of OCR results keyed by screenshot fingerprint. Values are usually
 * promises, so a screen submitted again while its first OCR still runs waits for that one.
 * Exact hits are a map lookup; perceptual ones scan the entries (a few hundred at most).
 */
export class OcrCache<T> {
  readonly #entries = new Map<string, { fp: Fingerprint; value: T }>();
  readonly #max: number;
  readonly #similarity: SimilarityOptions;

  constructor(options: { maxEntries?: number; similarity?: Partial<SimilarityOptions> } = {}) {
    this.#max = Math.max(1, options.maxEntries ?? 256);
    this.#similarity = { ...SIMILARITY_DEFAULTS, ...options.similarity };
  }

  get size(): number {
    return this.#entries.size;
  }

  get(fp: Fingerprint): { value: T; match: CacheMatch } | undefined {
    const exact = this.#entries.get(fp.sha);
    if (exact) {
      this.#touch(fp.sha, exact);
      return { value: exact.value, match: 'exact' };
    }
    // Most recent first: a repeated screen is most likely the one just seen.
    for (const [sha, entry] of [...this.#entries].reverse()) {
      if (sameText(fp, entry.fp, this.#similarity)) {
        this.#touch(sha, entry);
        return { value: entry.value, match: 'perceptual' };
      }
    }
    return undefined;
  }

  set(fp: Fingerprint, value: T): void {
    this.#entries.delete(fp.sha);
    this.#entries.set(fp.sha, { fp, value });
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
  }

  /** Forgets the entry of `fp` if it still holds `value` (a failed OCR must not be served again). */
  delete(fp: Fingerprint, value?: T): void {
    const e = this.#entries.get(fp.sha);
    if (e && (value === undefined || e.value === value)) this.#entries.delete(fp.sha);
  }

  clear(): void {
    this.#entries.clear();
  }

  #touch(sha: string, entry: { fp: Fingerprint; value: T }): void {
    this.#entries.delete(sha);
    this.#entries.set(sha, entry);
  }
}
