/**
 * NATS JetStream in the local runtime: a message published to a file-backed
 * stream is consumed through a durable consumer, and both the stream and the
 * consumer survive a restart of the server.
 */
import { AckPolicy, connect, type NatsConnection, StorageType, StringCodec } from 'nats';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAllSync, LocalRuntime, processTree } from '../../harness/runtime/index.ts';
import type { Deployment } from '../../model/index.ts';
import { alivePids, leftoverPaths, openPorts, settle, taggedPids } from '../fixtures/leftovers.ts';

const runtime = new LocalRuntime();
const codec = StringCodec();
let deployment: Deployment | undefined;
let nc: NatsConnection | undefined;

afterEach(async () => {
  await nc?.close().catch(() => {});
  nc = undefined;
  await deployment?.stop();
  deployment = undefined;
});

afterAll(() => {
  killAllSync();
});

async function consumeOne(conn: NatsConnection): Promise<string> {
  const consumer = await conn.jetstream().consumers.get('ORDERS', 'worker');
  const message = await consumer.next({ expires: 2000 });
  if (message === null) throw new Error('no message within 2 s');
  message.ack();
  await conn.flush();
  return codec.decode(message.data);
}

describe('LocalRuntime: nats', () => {
  it('publishes and consumes through a JetStream stream that survives a restart', async () => {
    const runId = `rnt-${process.pid}-${Date.now().toString(36)}`;
    const began = Date.now();
    deployment = await runtime.start(
      {
        name: 'broker',
        description: 'one NATS server with JetStream',
        entry: 'nats',
        components: [{ name: 'nats', kind: 'nats', settings: { jetstream: true } }],
      },
      { runId },
    );
    console.log(`nats ready in ${Date.now() - began} ms`);
    const [server] = deployment.component('nats');
    expect(server!.url).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);

    nc = await connect({ servers: server!.url, reconnect: false });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: 'ORDERS', subjects: ['orders.>'], storage: StorageType.File });
    await jsm.consumers.add('ORDERS', { durable_name: 'worker', ack_policy: AckPolicy.Explicit });
    const ack = await nc.jetstream().publish('orders.created', codec.encode('order-1'));
    expect(ack).toMatchObject({ stream: 'ORDERS', seq: 1 });
    expect(await consumeOne(nc)).toBe('order-1');
    await nc.close();

    await server!.restart();
    nc = await connect({ servers: server!.url, reconnect: false });
    const info = await (await nc.jetstreamManager()).streams.info('ORDERS');
    expect(info.config.storage).toBe(StorageType.File);
    expect(info.state.messages).toBe(1);
    // The durable consumer kept its place: the next message is the new one, not order-1 again.
    await nc.jetstream().publish('orders.created', codec.encode('order-2'));
    expect(await consumeOne(nc)).toBe('order-2');
    await nc.close();
    nc = undefined;

    const pids = processTree(server!.pid!).map((p) => p.pid);
    const ports = [server!.port];
    await deployment.stop();
    expect(await settle(() => taggedPids(runId))).toEqual([]);
    expect(await settle(() => alivePids(pids))).toEqual([]);
    expect(await settle(() => openPorts(ports))).toEqual([]);
    expect(leftoverPaths(runId)).toEqual([]);
  });
});
