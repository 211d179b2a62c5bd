export declare function chromiumArgs(fakeAudioFile: string): string[];
