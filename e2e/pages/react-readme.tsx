// Renders the README's `src/App.tsx` (react-readme-App.tsx, checked against the README by e2e/react.spec.ts) the
// way a Vite React app's main.tsx does. Nothing here observes the library: the spec reads the DOM contract and
// records the microphone from outside, through an init script.
import { createRoot } from 'react-dom/client';
import App from './react-readme-App';

createRoot(document.getElementById('root')!).render(<App />);
