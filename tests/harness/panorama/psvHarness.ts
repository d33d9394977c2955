/**
 * Browser side of the benchmark's peer: Photo Sphere Viewer (https://photo-sphere-viewer.js.org)
 * showing the same equirectangular pictures, bundled by esbuild in serveHarness.ts.
 */
import { Viewer } from '@photo-sphere-viewer/core';
import '@photo-sphere-viewer/core/index.css';
import './pageCommon';

(window as unknown as Record<string, unknown>).PsvViewer = Viewer;
