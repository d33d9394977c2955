import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { advertisedAddress, lanAddress, resolveListenAddress } from '../../../../../node/kiosk/postcards/listenAddress';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  ({
    address,
    family,
    internal,
    netmask: '',
    mac: '00:00:00:00:00:00',
    cidr: null,
    scopeid: family === 'IPv6' ? 0 : undefined,
  }) as NetworkInterfaceInfo;

const nets = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  eth0: [nic('fe80::1', 'IPv6'), nic('10.1.2.3', 'IPv4')],
  wlan0: [nic('fd00::5', 'IPv6'), nic('192.168.4.1', 'IPv4')],
  wg0: [nic('fd99::2', 'IPv6')],
};

describe('listen address', () => {
  it('binds an interface by name to its IPv4 address, else its IPv6 one', () => {
    expect(resolveListenAddress('wlan0', nets)).toBe('192.168.4.1');
    expect(resolveListenAddress('wg0', nets)).toBe('fd99::2');
  });

  it('takes IP literals as they are and "auto" as the first non-loopback IPv4 address', () => {
    expect(resolveListenAddress('192.168.4.1', nets)).toBe('192.168.4.1');
    expect(resolveListenAddress('auto', nets)).toBe('10.1.2.3');
    expect(resolveListenAddress('auto', { lo: nets.lo })).toBe('127.0.0.1');
    expect(lanAddress({ lo: nets.lo })).toBeNull();
  });

  it('names the interfaces it has when the configured one is missing', () => {
    expect(() => resolveListenAddress('wlan9', nets)).toThrow(/no network interface named "wlan9" \(have: lo, eth0, wlan0, wg0\)/);
  });

  it('advertises a reachable address when bound to all interfaces', () => {
    expect(advertisedAddress('0.0.0.0', nets)).toBe('10.1.2.3');
    expect(advertisedAddress('192.168.4.1', nets)).toBe('192.168.4.1');
  });
});
