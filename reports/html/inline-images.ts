import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { resolveInBundle } from '../paths.ts';

/**
 * report.html travels alone (an inspector attaches one file to an inspection report), so the
 * images it shows are inlined as downscaled JPEG data URIs: a finding's screenshot at a size
 * that reads on screen and on A4, crawl-graph thumbnails smaller still. The full-size PNGs stay
 * in the bundle and are linked from the thumbnails (those links need the bundle folder).
 */
export interface InlineSize {
  /** Width in pixels of the inlined copy (never upscaled). */
  width: number;
  /** JPEG quality, 1–100. */
  quality: number;
}

/** A finding's evidence picture: about twice its printed width, so text in it stays legible. */
export const EVIDENCE_SIZE: InlineSize = { width: 640, quality: 72 };
/** A crawl-graph node (drawn 96 px wide). */
export const THUMB_SIZE: InlineSize = { width: 192, quality: 60 };

/** Inlines bundle images; one encode per (file, size), however often the report shows it. */
export class ImageInliner {
  private readonly cache = new Map<string, Promise<string | undefined>>();

  constructor(private readonly dir: string) {}

  /** A `data:image/jpeg;base64,…` URI of the bundle file `rel`, or undefined when it is missing or not an image. */
  dataUri(rel: string | undefined, size: InlineSize): Promise<string | undefined> {
    const abs = resolveInBundle(this.dir, rel);
    if (!abs || !existsSync(abs)) return Promise.resolve(undefined);
    const key = `${abs}\u0000${size.width}\u0000${size.quality}`;
    let p = this.cache.get(key);
    if (!p) {
      p = encode(abs, size);
      this.cache.set(key, p);
    }
    return p;
  }
}

async function encode(abs: string, size: InlineSize): Promise<string | undefined> {
  try {
    const jpeg = await sharp(readFileSync(abs))
      .resize({ width: size.width, withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: size.quality, mozjpeg: true })
      .toBuffer();
    return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
  } catch {
    // Not a decodable image (a damaged or hostile bundle): the report shows "no screenshot".
    return undefined;
  }
}
