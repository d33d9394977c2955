import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** The first non-internal IPv4 address (the station Wi-Fi on a typical kiosk), or null. */
export function lanAddress(nets: Interfaces = networkInterfaces()): string | null {
  for (const list of Object.values(nets)) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return null;
}

/**
 * Turns the `takeaway.interface` setting into an address to bind: an IP literal as is, `auto` as
 * the first non-internal IPv4 address (loopback when there is none, so the kiosk still starts), or
 * an interface name (https://nodejs.org/api/os.html#osnetworkinterfaces) as its IPv4 address, else
 * its first IPv6 one. Binding to one address rather than 0.0.0.0 keeps the server off other networks.
 */
export function resolveListenAddress(setting: string, nets: Interfaces = networkInterfaces()): string {
  const s = setting.trim();
  if (isIP(s)) return s;
  if (s === 'auto') return lanAddress(nets) ?? '127.0.0.1';
  const list = nets[s];
  if (!list || list.length === 0) {
    throw new Error(`no network interface named "${s}" (have: ${Object.keys(nets).join(', ') || 'none'})`);
  }
  const v4 = list.find((a) => a.family === 'IPv4');
  return (v4 ?? (list[0] as NetworkInterfaceInfo)).address;
}

/** The address to put in a QR code: an unspecified bind address (0.0.0.0, ::) is not reachable as such. */
export function advertisedAddress(bound: string, nets: Interfaces = networkInterfaces()): string {
  if (bound === '0.0.0.0' || bound === '::') return lanAddress(nets) ?? bound;
  return bound;
}
