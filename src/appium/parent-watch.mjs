// Preloaded into every Appium server govapp starts (`node --import`), so the server dies with the
// crawl that started it, however the crawl ends — even SIGKILL, which runs no exit hook. The
// crawl holds the write end of this process's stdin: when the crawl dies the pipe reaches EOF.
// The parent pid is polled too, in case stdin was redirected.
const parent = process.ppid;
let dying = false;
function die() {
  if (dying) return;
  dying = true;
  process.kill(process.pid, 'SIGTERM'); // Appium closes its sessions on SIGTERM
  setTimeout(() => process.exit(1), 3000).unref();
}
process.stdin.on('data', () => {});
process.stdin.on('end', die);
process.stdin.on('error', die);
setInterval(() => {
  if (process.ppid !== parent) die();
}, 1000).unref();
