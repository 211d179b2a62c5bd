// <VoiceAgent/> exactly as an app uses it, built by Vite from the packaged talkwire (the spec aliases `talkwire`
// to a fresh build of the package) and served with a strict Content-Security-Policy.
import { createRoot } from 'react-dom/client';
import { VoiceAgent } from 'talkwire';
import 'talkwire/styles.css';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'}`);
});
(window as unknown as { cspViolations: string[] }).cspViolations = violations;

const config = (await (await fetch('/config.json')).json()) as { apiBaseUrl: string };
createRoot(document.getElementById('root')!).render(
  <VoiceAgent clientSecretUrl="/api/realtime-session" apiBaseUrl={config.apiBaseUrl} />,
);
document.body.dataset.ready = 'true';
