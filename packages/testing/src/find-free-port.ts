import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP port free on 127.0.0.1 a moment ago (for servers that cannot bind port 0 and report it, like Prometheus). */
export async function findFreePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
