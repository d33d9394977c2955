/**
 * The panorama scene's image cache: equirectangular images fetched, decoded off the main thread
 * and turned into three.js textures, kept in least-recently-used order. Pinned entries (the node
 * on screen and the one fading out) are never evicted; of the others at most `capacity` are kept,
 * and an evicted one is disposed at once (texture.dispose() frees the GPU copy:
 * https://threejs.org/manual/#en/how-to-dispose-of-objects; bitmap.close() the decoded pixels).
 *
 * Why fetch + createImageBitmap rather than THREE.TextureLoader: createImageBitmap decodes the JPEG
 * on a worker thread in Chromium (an <img> decodes lazily on the main thread at first upload, a
 * ~100 ms stall for 4096 x 2048), and a fetch can be aborted when the visitor turns round before a
 * preload finishes. THREE.ImageBitmapLoader does the same two calls but cannot abort one request
 * (https://threejs.org/docs/#api/en/loaders/ImageBitmapLoader).
 */
import { ClampToEdgeWrapping, LinearFilter, NoColorSpace, RepeatWrapping, Texture } from 'three';

interface Entry {
  url: string;
  promise: Promise<Texture>;
  texture: Texture | null;
  bitmap: ImageBitmap | null;
  abort: AbortController;
  pins: number;
  disposed: boolean;
}

export interface TextureCacheOptions {
  /** Unpinned textures kept (preloaded or recently shown). */
  capacity: number;
  /** Called once a texture is ready, e.g. to upload it to the GPU ahead of showing it (renderer.initTexture). */
  onReady?: (texture: Texture) => void;
  fetch?: typeof fetch;
}

/**
 * A texture for a decoded equirectangular bitmap. flipY is ignored for ImageBitmaps in WebGL, so the
 * picture's top row is at v = 0 and the panorama shader accounts for that. No mipmaps: a kiosk view
 * (fov 30-100° over a 4096-wide picture) magnifies or barely minifies, and mipmaps would cost a third
 * more memory and an upload-time pass. RepeatWrapping across the ±180° seam so bilinear filtering
 * blends the two edge columns instead of drawing a line.
 */
export function panoramaTexture(bitmap: ImageBitmap): Texture {
  const texture = new Texture(bitmap);
  texture.flipY = false;
  texture.generateMipmaps = false;
  texture.minFilter = LinearFilter;
  texture.magFilter = LinearFilter;
  texture.wrapS = RepeatWrapping;
  texture.wrapT = ClampToEdgeWrapping;
  // The shader passes the picture's (sRGB) values straight to the (sRGB) canvas: no conversion round trip.
  texture.colorSpace = NoColorSpace;
  texture.needsUpdate = true;
  return texture;
}

export class TextureCache {
  private readonly entries = new Map<string, Entry>();
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: TextureCacheOptions) {
    if (!(options.capacity >= 0)) throw new Error(`TextureCache: capacity must be >= 0, got ${options.capacity}`);
    this.fetchFn = options.fetch ?? fetch.bind(globalThis);
  }

  /** The texture for `url`, loading it if needed; the entry becomes the most recently used. */
  load(url: string): Promise<Texture> {
    return this.touch(url).promise;
  }

  /** Pins `url` (loading it if needed) until the returned function is called. */
  pin(url: string): { texture: Promise<Texture>; unpin: () => void } {
    const entry = this.touch(url);
    entry.pins += 1;
    let done = false;
    return {
      texture: entry.promise,
      unpin: () => {
        if (done) return;
        done = true;
        entry.pins -= 1;
        this.evict();
      },
    };
  }

  /** Loads these urls, the first one most wanted: only as many as fit; older unpinned entries make room. */
  preload(urls: string[]): void {
    const wanted = [...new Set(urls)].slice(0, this.options.capacity);
    // Touched last = most recently used, so the first url is the last to be evicted.
    for (const url of [...wanted].reverse()) this.touch(url).promise.catch(() => undefined);
  }

  has(url: string): boolean {
    return this.entries.get(url)?.texture != null;
  }

  /** Loaded textures not pinned (waiting to be shown or recently shown). */
  get cachedCount(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.texture && e.pins === 0) n += 1;
    return n;
  }

  /** Every texture loaded so far (for re-upload after a lost WebGL context). */
  textures(): Texture[] {
    return [...this.entries.values()].flatMap((e) => (e.texture ? [e.texture] : []));
  }

  /** Disposes everything, pinned or not, and aborts pending loads. */
  clear(): void {
    for (const e of [...this.entries.values()]) this.drop(e);
  }

  private touch(url: string): Entry {
    let entry = this.entries.get(url);
    if (entry) {
      this.entries.delete(url);
      this.entries.set(url, entry);
      return entry;
    }
    entry = {
      url,
      texture: null,
      bitmap: null,
      abort: new AbortController(),
      pins: 0,
      disposed: false,
      promise: Promise.resolve(null as unknown as Texture),
    };
    const e = entry;
    e.promise = this.fetchBitmap(url, e.abort.signal).then((bitmap) => {
      if (e.disposed) {
        bitmap.close();
        throw new DOMException(`panorama image ${url} was evicted before it loaded`, 'AbortError');
      }
      e.bitmap = bitmap;
      e.texture = panoramaTexture(bitmap);
      this.options.onReady?.(e.texture);
      return e.texture;
    });
    // A failed load leaves the cache so that the next request tries again.
    e.promise.catch(() => {
      if (this.entries.get(url) === e) this.entries.delete(url);
    });
    this.entries.set(url, e);
    this.evict();
    return e;
  }

  private async fetchBitmap(url: string, signal: AbortSignal): Promise<ImageBitmap> {
    const response = await this.fetchFn(url, { signal });
    if (!response.ok) throw new Error(`panorama image ${url}: HTTP ${response.status}`);
    const blob = await response.blob();
    try {
      // Decoded on a worker thread. Default options: measured faster here than premultiplyAlpha/colorSpaceConversion 'none' (a JPEG has no
      // alpha, the pack's pictures are sRGB).
      return await createImageBitmap(blob);
    } catch (err) {
      throw new Error(`panorama image ${url} could not be decoded: ${(err as Error).message}`);
    }
  }

  private evict(): void {
    const unpinned = [...this.entries.values()].filter((e) => e.pins === 0);
    // Map iteration is insertion order and touch() re-inserts: the first are the least recently used.
    for (let i = 0; i < unpinned.length - this.options.capacity; i++) this.drop(unpinned[i]!);
  }

  private drop(e: Entry): void {
    e.disposed = true;
    e.abort.abort();
    e.texture?.dispose();
    e.bitmap?.close();
    e.texture = null;
    e.bitmap = null;
    this.entries.delete(e.url);
  }
}
