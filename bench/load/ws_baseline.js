// The baseline for bench/run_load_bench.sh: the broadcast server a developer would write in an
// afternoon with the npm package `ws`. A client joins one room with {"t":"join","room":"r7"};
// every {"t":"msg",...} it sends afterwards is forwarded, unchanged, to every member of the room
// (the sender included, as the portal does). Usage: node ws_baseline.js PORT
'use strict';
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 0);
const rooms = new Map();  // room name -> Set of sockets

const server = new WebSocketServer({ port, host: '127.0.0.1', perMessageDeflate: false });
server.on('listening', () => console.log(`ws baseline listening on ${server.address().port}`));
server.on('connection', (socket) => {
  let room = null;
  socket.on('message', (data) => {
    const text = data.toString();
    if (room === null) {
      const frame = JSON.parse(text);
      if (frame.t !== 'join') return;
      room = String(frame.room);
      if (!rooms.has(room)) rooms.set(room, new Set());
      rooms.get(room).add(socket);
      socket.send('{"t":"joined"}');
      return;
    }
    for (const member of rooms.get(room)) member.send(text);
  });
  socket.on('close', () => {
    if (room !== null) rooms.get(room).delete(socket);
  });
});
process.on('SIGTERM', () => process.exit(0));
