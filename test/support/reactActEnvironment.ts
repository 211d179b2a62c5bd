import { configure } from '@testing-library/react';

// React's act() needs to know it runs in a test environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Much of what these tests wait for arrives through import() (the lazy session features, the widget's extras),
// which Vitest transforms on first use: on a loaded machine that alone can pass testing-library's 1 s default.
// A longer wait only makes a failing test slower to report, never a passing one pass.
configure({ asyncUtilTimeout: 5_000 });
