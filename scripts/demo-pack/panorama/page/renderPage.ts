/**
 * Runs inside headless Chromium (bundled by esbuild in renderPanoramas.ts): builds the stylised
 * riverside of world.ts with three.js and renders one equirectangular picture per node. A
 * THREE.CubeCamera renders the six faces around the eye (https://threejs.org/docs/#api/en/cameras/CubeCamera),
 * then a full-screen shader looks up the cube map along the direction of every output pixel
 * (yaw = (u - 0.5) x 360°, pitch = (v - 0.5) x 180°), the same convention the outlines use.
 */
import * as THREE from 'three';
import { BUILDINGS, FAR_BANK_Z, RIVER_EDGE_Z, ROUTE_LENGTH_M, nodeEye, scenery, type Shape, NODES } from '../world';

function mesh(shape: Shape, materials: Map<string, THREE.Material>): THREE.Mesh {
  let material = materials.get(shape.color);
  if (!material) {
    material = new THREE.MeshLambertMaterial({ color: shape.color, flatShading: true });
    materials.set(shape.color, material);
  }
  const y0 = shape.y0 ?? 0;
  if (shape.kind === 'box') {
    const m = new THREE.Mesh(new THREE.BoxGeometry(shape.w, shape.h, shape.d), material);
    m.position.set(shape.x, y0 + shape.h / 2, shape.z);
    return m;
  }
  if (shape.kind === 'cylinder') {
    const m = new THREE.Mesh(new THREE.CylinderGeometry(shape.r, shape.r, shape.h, 16), material);
    m.position.set(shape.x, y0 + shape.h / 2, shape.z);
    return m;
  }
  // A prism along x: a triangle in the y-z plane extruded over the width.
  const tri = new THREE.Shape([new THREE.Vector2(-shape.d / 2, 0), new THREE.Vector2(shape.d / 2, 0), new THREE.Vector2(0, shape.h)]);
  const geometry = new THREE.ExtrudeGeometry(tri, { depth: shape.w, bevelEnabled: false });
  geometry.translate(0, 0, -shape.w / 2);
  geometry.rotateY(Math.PI / 2);
  const m = new THREE.Mesh(geometry, material);
  m.position.set(shape.x, y0, shape.z);
  return m;
}

function ground(scene: THREE.Scene): void {
  const flat = (color: string, x0: number, x1: number, z0: number, z1: number, y: number): void => {
    const m = new THREE.Mesh(new THREE.PlaneGeometry(x1 - x0, z1 - z0), new THREE.MeshLambertMaterial({ color }));
    m.rotation.x = -Math.PI / 2;
    m.position.set((x0 + x1) / 2, y, (z0 + z1) / 2);
    scene.add(m);
  };
  const W0 = -3000;
  const W1 = ROUTE_LENGTH_M + 3000;
  flat('#7f9a62', W0, W1, -3000, 0, 0); // land
  flat('#d8cdb6', W0, W1, 0, RIVER_EDGE_Z, 0.02); // promenade paving
  flat('#4f7f8c', W0, W1, RIVER_EDGE_Z, FAR_BANK_Z, -1.5); // the Huangpu
  flat('#8c9a80', W0, W1, FAR_BANK_Z, 4000, 0); // the far bank
  // The quay wall, so the water's edge reads clearly.
  const wall = new THREE.Mesh(new THREE.BoxGeometry(W1 - W0, 1.6, 0.6), new THREE.MeshLambertMaterial({ color: '#b8ad98' }));
  wall.position.set((W0 + W1) / 2, -0.7, RIVER_EDGE_Z);
  scene.add(wall);
}

function sky(scene: THREE.Scene): void {
  const geometry = new THREE.SphereGeometry(9000, 32, 16);
  const material = new THREE.ShaderMaterial({
    side: THREE.BackSide,
    depthWrite: false,
    fog: false,
    vertexShader:
      'varying vec3 vDir; void main() { vDir = normalize(position); gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0); }',
    // Display (sRGB) colours turned linear (pow 2.2), as the cube target holds linear light.
    fragmentShader:
      'varying vec3 vDir; void main() { float t = clamp(vDir.y * 2.5, 0.0, 1.0); vec3 c = mix(vec3(0.93, 0.86, 0.74), vec3(0.45, 0.62, 0.82), t); gl_FragColor = vec4(pow(c, vec3(2.2)), 1.0); }',
  });
  const m = new THREE.Mesh(geometry, material);
  m.renderOrder = -1;
  m.frustumCulled = false;
  scene.add(m);
  scene.userData.skyMesh = m;
}

/**
 * A "demo" disc on the ground under the eye (the nadir, where panorama makers put their logo), so
 * every rendered panorama is marked as demo content when a visitor looks down.
 */
function demoMark(scene: THREE.Scene): THREE.Mesh {
  const canvas = document.createElement('canvas');
  canvas.width = 512;
  canvas.height = 512;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#f4e9d2';
  g.beginPath();
  g.arc(256, 256, 250, 0, 2 * Math.PI);
  g.fill();
  g.fillStyle = '#3a2a1f';
  g.textAlign = 'center';
  g.font = '64px "Noto Sans CJK SC", sans-serif';
  g.fillText('示例全景', 256, 240);
  g.font = 'bold 72px sans-serif';
  g.fillText('DEMO', 256, 330);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  const m = new THREE.Mesh(new THREE.CircleGeometry(1.2, 48), new THREE.MeshBasicMaterial({ map: texture, transparent: true }));
  m.rotation.x = -Math.PI / 2;
  m.rotation.z = Math.PI / 2; // text reads facing east, the direction of travel
  scene.add(m);
  return m;
}

const EQUIRECT_FRAGMENT = `
uniform samplerCube cube;
varying vec2 vUv;
const float PI = 3.141592653589793;
void main() {
  float yaw = (vUv.x - 0.5) * 2.0 * PI;
  float pitch = (vUv.y - 0.5) * PI;
  vec3 dir = vec3(cos(pitch) * cos(yaw), sin(pitch), cos(pitch) * sin(yaw));
  gl_FragColor = textureCube(cube, dir);
  #include <colorspace_fragment>
}`;

export interface RenderApi {
  /** Renders node `index` into a `width` x width/2 picture; returns a PNG data URL. */
  render(index: number, width: number, faceSize: number): string;
}

function build(): RenderApi {
  const canvas = document.createElement('canvas');
  document.body.appendChild(canvas);
  const renderer = new THREE.WebGLRenderer({ canvas, antialias: false, preserveDrawingBuffer: true });
  renderer.setPixelRatio(1);
  const scene = new THREE.Scene();
  scene.fog = new THREE.Fog('#e4dccb', 400, 4200);
  scene.add(new THREE.HemisphereLight('#fff6e5', '#6b6a55', 2.2));
  const sun = new THREE.DirectionalLight('#fff1d6', 2.2);
  sun.position.set(-0.5, 0.8, 0.4);
  scene.add(sun);
  sky(scene);
  ground(scene);
  const materials = new Map<string, THREE.Material>();
  for (const s of [...scenery(), ...BUILDINGS.flatMap((b) => b.shapes)]) scene.add(mesh(s, materials));

  const mark = demoMark(scene);

  const quadScene = new THREE.Scene();
  const quadCamera = new THREE.OrthographicCamera(-1, 1, 1, -1, 0, 1);
  const equirect = new THREE.ShaderMaterial({
    uniforms: { cube: { value: null } },
    vertexShader: 'varying vec2 vUv; void main() { vUv = uv; gl_Position = vec4(position.xy, 0.0, 1.0); }',
    fragmentShader: EQUIRECT_FRAGMENT,
  });
  quadScene.add(new THREE.Mesh(new THREE.PlaneGeometry(2, 2), equirect));

  return {
    render(index, width, faceSize) {
      const node = NODES[index];
      if (!node) throw new Error(`no node ${index}`);
      const target = new THREE.WebGLCubeRenderTarget(faceSize, {
        type: THREE.HalfFloatType,
        generateMipmaps: true,
        minFilter: THREE.LinearMipmapLinearFilter,
      });
      const cubeCamera = new THREE.CubeCamera(0.5, 12000, target);
      const eye = nodeEye(node);
      cubeCamera.position.set(eye.x, eye.y, eye.z);
      mark.position.set(eye.x, 0.05, eye.z);
      (scene.userData.skyMesh as THREE.Mesh).position.copy(cubeCamera.position);
      cubeCamera.update(renderer, scene);
      renderer.setSize(width, width / 2, false);
      equirect.uniforms.cube!.value = target.texture;
      renderer.render(quadScene, quadCamera);
      const url = canvas.toDataURL('image/png');
      target.dispose();
      return url;
    },
  };
}

(window as unknown as { panorama: RenderApi }).panorama = build();
