/**
 * The material that paints an equirectangular picture on the inside of the panorama sphere.
 *
 * Why a shader instead of SphereGeometry's own UVs and a MeshBasicMaterial: the texture coordinate is
 * computed per pixel from the view direction, with exactly the formula the demo pictures (and their
 * building outlines) were rendered with (scripts/demo-pack/panorama/page/renderPage.ts; yaw 0 = +x,
 * yaw 90 = +z, pitch up = +y). Interpolated per-vertex UVs would bend straight lines near the
 * poles and leave a zig-zag along the ±180° seam; here any coarse mesh around the camera gives the
 * exact picture. Both spheres of a cross-fade use it with their own `opacity` uniform.
 * https://threejs.org/docs/#api/en/materials/ShaderMaterial
 */
import { BackSide, ShaderMaterial, type Texture } from 'three';

const VERTEX = /* glsl */ `
varying vec3 vDir;
void main() {
  vDir = position;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}`;

// The texture is an ImageBitmap uploaded without flipping (textureCache.ts): its top row (pitch +90)
// is at v = 0. The colours go out unchanged (sRGB picture -> sRGB canvas).
const FRAGMENT = /* glsl */ `
uniform sampler2D map;
uniform float opacity;
varying vec3 vDir;
const float PI = 3.141592653589793;
void main() {
  vec3 d = normalize(vDir);
  float yaw = atan(d.z, d.x);
  float pitch = asin(clamp(d.y, -1.0, 1.0));
  vec2 uv = vec2(yaw / (2.0 * PI) + 0.5, 0.5 - pitch / PI);
  gl_FragColor = vec4(texture2D(map, uv).rgb, opacity);
}`;

export type PanoramaMaterial = ShaderMaterial & { uniforms: { map: { value: Texture | null }; opacity: { value: number } } };

export function createPanoramaMaterial(): PanoramaMaterial {
  return new ShaderMaterial({
    uniforms: { map: { value: null }, opacity: { value: 1 } },
    vertexShader: VERTEX,
    fragmentShader: FRAGMENT,
    side: BackSide,
    transparent: true,
    depthTest: false,
    depthWrite: false,
  }) as PanoramaMaterial;
}
