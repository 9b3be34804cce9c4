// Preloaded into twilio-run, which has no host option: a server started with only a port listens
// on 127.0.0.1 instead of every interface, so the local stack is never reachable from the network.
const net = require('node:net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if ((typeof args[0] === 'number' || typeof args[0] === 'string') && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};
