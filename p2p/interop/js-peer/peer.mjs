// js-libp2p test peer for the Java p2p module's interop tests. Loopback only.
// Reads one JSON command per stdin line, writes one JSON event per stdout line.
// Exits on stdin EOF (the JVM died or closed it) or when LIFETIME_MS elapses, whichever is first.
import { createHash } from 'node:crypto'
import { createInterface } from 'node:readline'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { gossipsub } from '@libp2p/gossipsub'
import { generateKeyPair, generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'

const lifetimeMs = Number(process.env.LIFETIME_MS ?? '120000')
const keyType = process.env.KEY_TYPE ?? 'Ed25519'

const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const hex = (u8) => Buffer.from(u8).toString('hex')

// The message-id function must be the same on every peer: SHA-256 of the message data.
const msgIdFn = (msg) => new Uint8Array(createHash('sha256').update(msg.data).digest())

async function makeNode (name, type, seedHex) {
  // A seed from the Java test fixes our identity, so Java can put it on its allowlist up front.
  const privateKey = seedHex != null
    ? await generateKeyPairFromSeed('Ed25519', Buffer.from(seedHex, 'hex'))
    : await generateKeyPair(type)
  const node = await createLibp2p({
    privateKey,
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      ping: ping(),
      pubsub: gossipsub({
        globalSignaturePolicy: 'StrictSign',
        msgIdFn,
        allowPublishToZeroTopicPeers: true,
        emitSelf: false
      })
    }
  })
  node.addEventListener('peer:connect', (e) => emit({ event: 'connect', node: name, peer: e.detail.toString() }))
  node.addEventListener('peer:disconnect', (e) => emit({ event: 'disconnect', node: name, peer: e.detail.toString() }))
  node.addEventListener('peer:identify', (e) => emit({
    event: 'identify', node: name, peer: e.detail.peerId.toString(),
    agent: e.detail.agentVersion, protocols: e.detail.protocols,
    listenAddrs: e.detail.listenAddrs.map((a) => a.toString())
  }))
  node.services.pubsub.addEventListener('message', (e) => {
    const m = e.detail
    emit({
      event: 'message', node: name, topic: m.topic, type: m.type,
      from: m.type === 'signed' ? m.from.toString() : null,
      size: m.data.length, sha256: createHash('sha256').update(m.data).digest('hex'),
      dataHex: m.data.length <= 1024 ? hex(m.data) : null
    })
  })
  await node.start()
  return node
}

const main = await makeNode('main', keyType, process.env.KEY_SEED)
emit({ event: 'ready', peerId: main.peerId.toString(), addrs: main.getMultiaddrs().map((a) => a.toString()) })

async function run (cmd) {
  switch (cmd.cmd) {
    case 'dial': {
      const conn = await main.dial(multiaddr(cmd.addr))
      return { remotePeer: conn.remotePeer.toString() }
    }
    case 'ping': {
      const rtt = await main.services.ping.ping(peerIdFromString(cmd.peer))
      return { rtt }
    }
    case 'subscribe':
      main.services.pubsub.subscribe(cmd.topic)
      return {}
    case 'subscribers':
      return { peers: main.services.pubsub.getSubscribers(cmd.topic).map((p) => p.toString()) }
    case 'publish': {
      const data = cmd.dataHex != null
        ? Buffer.from(cmd.dataHex, 'hex')
        : Buffer.alloc(cmd.size, cmd.fill ?? 7)
      const res = await main.services.pubsub.publish(cmd.topic, new Uint8Array(data))
      return { recipients: res.recipients.map((p) => p.toString()), sha256: createHash('sha256').update(data).digest('hex') }
    }
    case 'connections':
      return { peers: main.getConnections().map((c) => ({ peer: c.remotePeer.toString(), status: c.status })) }
    case 'stranger-dial': {
      // A fresh identity that the Java side has never been told about: it must be refused.
      const stranger = await makeNode('stranger', 'Ed25519')
      try {
        let outcome
        try {
          const conn = await stranger.dial(multiaddr(cmd.addr), { signal: AbortSignal.timeout(5000) })
          // The dial may succeed at the transport level before Java drops it; a stream must fail.
          try {
            await stranger.services.ping.ping(conn.remotePeer, { signal: AbortSignal.timeout(3000) })
            outcome = 'usable'
          } catch (e) { outcome = 'dropped:' + e.name }
        } catch (e) { outcome = 'refused:' + e.name }
        return { peerId: stranger.peerId.toString(), outcome }
      } finally { await stranger.stop() }
    }
    case 'exit':
      await shutdown(0)
      return {}
    default:
      throw new Error('unknown command ' + cmd.cmd)
  }
}

let stopping = false
async function shutdown (code) {
  if (stopping) return
  stopping = true
  try { await main.stop() } catch {}
  process.exit(code)
}

const rl = createInterface({ input: process.stdin })
rl.on('line', (line) => {
  if (line.trim() === '') return
  let cmd
  try { cmd = JSON.parse(line) } catch (e) { emit({ event: 'error', error: 'bad json' }); return }
  run(cmd).then(
    (res) => emit({ event: 'result', id: cmd.id, ok: true, ...res }),
    (err) => emit({ event: 'result', id: cmd.id, ok: false, error: String(err?.name) + ': ' + String(err?.message) })
  )
})
rl.on('close', () => shutdown(0))
setTimeout(() => shutdown(0), lifetimeMs).unref()
process.on('unhandledRejection', (e) => emit({ event: 'error', error: String(e) }))
