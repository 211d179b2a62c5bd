// Flags that make real WebRTC with a fake microphone work headless on loopback, shared by the browser tests
// (playwright.config.ts) and the benchmarks (bench/). Without --allow-loopback-in-peer-connection ICE never
// connects to a peer on 127.0.0.1.
/** @param {string} fakeAudioFile a WAV file the fake microphone plays */
export function chromiumArgs(fakeAudioFile) {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${fakeAudioFile}`,
    '--autoplay-policy=no-user-gesture-required',
    '--allow-loopback-in-peer-connection',
    '--disable-features=WebRtcHideLocalIpsWithMdns',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
  ];
}
