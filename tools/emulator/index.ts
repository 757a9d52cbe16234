/** The emulator as a library: createEmulator and its types. */
export * from './server';
