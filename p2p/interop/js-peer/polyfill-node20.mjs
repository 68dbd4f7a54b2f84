// libp2p 3.x calls Promise.withResolvers (Node >= 22). Node 20 lacks it; add it before any libp2p import.
// Harmless on Node 22+, where the native implementation is kept.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers () {
    let resolve, reject
    const promise = new this((res, rej) => { resolve = res; reject = rej })
    return { promise, resolve, reject }
  }
}
