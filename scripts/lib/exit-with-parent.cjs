// Preloaded into twilio-run. The local stack starts twilio-run detached, in a process group of its
// own, so that stopping the group also stops any function runner it forks; detached, it would also
// outlive a parent that dies without stopping it (SIGKILL, a crash) and keep serving. The parent holds
// the other end of a pipe on the file descriptor named below: the kernel closes it when the parent
// dies, however it dies, and then this process group ends too.
const net = require('node:net');

const variable = 'WEBCHAT_PARENT_PIPE_FD';
const fd = Number(process.env[variable]);
// Gone before twilio-run copies the environment into the Functions' context.
delete process.env[variable];

if (Number.isInteger(fd)) {
  const pipe = new net.Socket({ fd, readable: true, writable: false });
  const endGroup = () => process.kill(-process.pid, 'SIGKILL');
  pipe.on('data', () => {});
  pipe.once('end', endGroup);
  pipe.once('close', endGroup);
  pipe.once('error', endGroup);
  // The pipe only watches; the server is what keeps twilio-run running.
  pipe.unref();
}
