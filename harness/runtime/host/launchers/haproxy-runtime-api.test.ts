import { describe, expect, it } from 'vitest';
import { parseServerStats, refusal } from './haproxy-runtime-api.ts';

// `show stat servers 4 -1` of HAProxy 2.6, cut to its first columns (HAProxy prints ~100).
const csv = `# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight
servers,app-0,0,0,2,5,,120,0,0,,0,,0,0,0,0,UP,1
servers,app-1,1,1,0,1,,3,0,0,,0,,0,0,0,0,DRAIN,0
servers,app-2,0,0,0,0,,0,0,0,,0,,0,0,0,0,DOWN 1/2,1
servers,BACKEND,1,1,2,5,400,123,0,0,0,0,,0,0,0,0,UP,2
`;

describe('HAProxy runtime API answers', () => {
  it('reads each server of show stat: status, sessions in flight, queued; not the BACKEND row', () => {
    expect(parseServerStats(csv)).toEqual([
      { backend: 'servers', server: 'app-0', status: 'UP', sessions: 2, queued: 0 },
      { backend: 'servers', server: 'app-1', status: 'DRAIN', sessions: 0, queued: 1 },
      { backend: 'servers', server: 'app-2', status: 'DOWN 1/2', sessions: 0, queued: 0 },
    ]);
  });

  it('an answer without the columns it needs reads as no servers', () => {
    expect(parseServerStats('Unknown command.\n')).toEqual([]);
    expect(parseServerStats('')).toEqual([]);
  });

  it('an empty answer or a known success sentence is no refusal; anything else is the reason', () => {
    expect(refusal('')).toBeUndefined();
    expect(refusal('New server registered.\n', ['New server registered'])).toBeUndefined();
    expect(refusal('No such backend.\n', ['New server registered'])).toBe('No such backend.');
    expect(
      refusal('Server still has connections attached to it, cannot remove it.', ['Server deleted']),
    ).toMatch(/still has connections/);
  });
});
