/**
 * Browser side of the panorama scene's leak test and benchmark (bundled by esbuild in
 * serveHarness.ts): exposes the real PanoramaScene and a frame grabber on `window`.
 */
import './pageCommon';
import { PanoramaScene } from '../../../src/exhibits/panorama/scene/PanoramaScene';

/** Copies the WebGL canvas, right after a frame was drawn, into a small RGB sample (width x height). */
function grabFrame(width = 64, height = 32): number[] {
  const source = document.querySelector('#stage canvas');
  if (!(source instanceof HTMLCanvasElement)) throw new Error('grabFrame: no scene canvas');
  const small = document.createElement('canvas');
  small.width = width;
  small.height = height;
  const g = small.getContext('2d', { willReadFrequently: true })!;
  // Valid without preserveDrawingBuffer as long as it runs in the same task as the render (an onFrame listener).
  g.drawImage(source, 0, 0, width, height);
  const rgba = g.getImageData(0, 0, width, height).data;
  const rgb: number[] = [];
  for (let i = 0; i < rgba.length; i += 4) rgb.push(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!);
  return rgb;
}

const w = window as unknown as Record<string, unknown>;
w.PanoramaScene = PanoramaScene;
w.grabFrame = grabFrame;
