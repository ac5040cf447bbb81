// The Socket.IO side of `bench fanout|rpc --socketio benchmarks/socketio`: the work of the raw-Tyrus
// baseline (BaselineEndpoint) on a plain Socket.IO 4.8 server, driven by the bench like its own child
// JVMs. Prints "READY <ws-url>" once listening, then answers one stdin line per command on stdout:
// cpu (process CPU in nanoseconds), count (connected sockets), heap/sockets/bus (not measured here);
// exits when stdin closes.
//
// Events, each answered through the client's ack: join(room) -> {rooms, rejected}; system:echo(data)
// -> data; chat:send({room, text}) -> io.to(room).emit("chat:message", {room, from, text, time}),
// then {delivered: true}. The handshake's auth.token must be a string and is not checked (as in the
// baseline, whose connection figures are "open only").
'use strict';

const http = require('node:http');
const readline = require('node:readline');
const { Server } = require('socket.io');

const httpServer = http.createServer((req, res) => {
  res.writeHead(404).end();
});
const io = new Server(httpServer, { transports: ['websocket'], serveClient: false });

io.use((socket, next) => {
  const token = socket.handshake.auth && socket.handshake.auth.token;
  next(typeof token === 'string' ? undefined : new Error('auth.token must be a string'));
});

io.on('connection', (socket) => {
  socket.on('join', (room, ack) => {
    if (typeof room !== 'string' || typeof ack !== 'function') {
      return;
    }
    socket.join(room);
    ack({ rooms: [room], rejected: [] });
  });
  socket.on('system:echo', (data, ack) => {
    if (typeof ack === 'function') {
      ack(data);
    }
  });
  socket.on('chat:send', (message, ack) => {
    if (!message || typeof message.room !== 'string' || typeof ack !== 'function') {
      return;
    }
    io.to(message.room).emit('chat:message', { room: message.room, from: socket.id, text: message.text, time: Date.now() });
    ack({ delivered: true });
  });
});

function answer(command) {
  switch (command) {
    case 'cpu': {
      const used = process.cpuUsage();
      return String((used.user + used.system) * 1000);
    }
    case 'count':
      return String(io.of('/').sockets.size);
    case 'sockets':
      return '-1';
    default:
      return 'ERR ' + command + ' is not measured on the Socket.IO server';
  }
}

httpServer.listen(0, '127.0.0.1', () => {
  const { port } = httpServer.address();
  process.stdout.write(`READY ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket\n`);
  const commands = readline.createInterface({ input: process.stdin });
  commands.on('line', (line) => process.stdout.write(answer(line.trim()) + '\n'));
  commands.on('close', () => {
    io.close();
    process.exit(0);
  });
});
