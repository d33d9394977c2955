import { describe, expect, it } from 'vitest';
import { assertLoopback } from '../../../../../node/kiosk/webhost/assertLoopback';

describe('assertLoopback', () => {
  it('accepts loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.0.0.2', '::1']) expect(() => assertLoopback(h)).not.toThrow();
  });
  it('refuses every other binding, names included', () => {
    for (const h of ['0.0.0.0', '::', '', 'localhost', '192.168.1.10', '10.0.0.1', '8.8.8.8', '127.0.0.1.evil.com', '::ffff:10.0.0.1']) {
      expect(() => assertLoopback(h), h).toThrow(/loopback only/);
    }
  });
});
