import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWindowPlace, placeWindow, readWindowPlace, saveWindowPlace, WINDOW_DEFAULT, type Rect } from '../../electron/main/window-state.js';
import { useTempDir } from '../fixtures/tmp.js';

/** A 1920×1080 screen with its taskbar, and a 1366×768 laptop screen to its left. */
const WIDE: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const LAPTOP: Rect = { x: -1366, y: 0, width: 1366, height: 728 };

describe('the main window opens where it was closed', () => {
  const tmp = useTempDir('window-');

  it('keeps a saved place that lies on a screen', () => {
    const saved = { x: 200, y: 100, width: 1200, height: 800, maximized: false };
    expect(placeWindow(saved, [WIDE])).toEqual(saved);
    // on the laptop's 728-pixel-high screen: as high as it is, and moved up onto it
    expect(placeWindow({ ...saved, x: -1300, y: 20 }, [WIDE, LAPTOP])).toEqual({ ...saved, x: -1300, y: 0, height: 728 });
  });

  it('opens at the default size, centred, on a first start or when the screen it was on is gone', () => {
    expect(placeWindow(null, [WIDE])).toEqual(WINDOW_DEFAULT);
    // closed on the laptop's screen, which is no longer attached
    expect(placeWindow({ x: -1300, y: 20, width: 1200, height: 700, maximized: false }, [WIDE])).toEqual(WINDOW_DEFAULT);
    // only a sliver of the title bar on screen is not enough to grab it
    expect(placeWindow({ x: 1900, y: 10, width: 1200, height: 800, maximized: false }, [WIDE])).toEqual(WINDOW_DEFAULT);
    expect(placeWindow({ x: 500, y: -600, width: 1200, height: 800, maximized: true }, [WIDE])).toEqual({ ...WINDOW_DEFAULT, maximized: true });
  });

  it('shrinks a window larger than its screen now (a lower resolution) and moves it fully onto it', () => {
    expect(placeWindow({ x: 100, y: 50, width: 1800, height: 1000, maximized: false }, [LAPTOP, { x: 0, y: 0, width: 1366, height: 728 }])).toEqual({
      x: 0,
      y: 0,
      width: 1366,
      height: 728,
      maximized: false,
    });
    // half off the right edge: moved back on
    expect(placeWindow({ x: 1500, y: 300, width: 1000, height: 700, maximized: false }, [WIDE])).toEqual({ x: 920, y: 300, width: 1000, height: 700, maximized: false });
    // below its minimum only when the screen itself is smaller (a 1024×768 screen with a taskbar)
    expect(placeWindow({ x: 0, y: 0, width: 800, height: 500, maximized: false }, [{ x: 0, y: 0, width: 1024, height: 728 }])).toEqual({ x: 0, y: 0, width: 960, height: 640, maximized: false });
  });

  it('remembers that it was maximized', () => {
    expect(placeWindow({ x: 10, y: 10, width: 1200, height: 800, maximized: true }, [WIDE]).maximized).toBe(true);
  });

  it('reads what it saved, whole, and nothing else', () => {
    const file = path.join(tmp(), 'profile', 'window-place.json');
    expect(readWindowPlace(file)).toBeNull();
    saveWindowPlace(file, { x: -5, y: 7, width: 1100, height: 700 }, true);
    expect(readWindowPlace(file)).toEqual({ x: -5, y: 7, width: 1100, height: 700, maximized: true });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-place.json']);
    for (const text of ['', '{', 'null', '[]', '{"x":1,"y":2,"width":3}', '{"x":1,"y":2,"width":0,"height":5,"maximized":false}', '{"x":1.5,"y":2,"width":3,"height":4,"maximized":false}', '{"x":"1","y":2,"width":3,"height":4,"maximized":false}', '{"x":1,"y":2,"width":1e300,"height":4,"maximized":false}']) {
      expect(parseWindowPlace(text), text).toBeNull();
    }
  });

  it('a place that cannot be saved (the profile is a file) does not stop the window closing, and leaves nothing', () => {
    const blocker = path.join(tmp(), 'profile');
    fs.writeFileSync(blocker, 'not a folder');
    expect(() => saveWindowPlace(path.join(blocker, 'window-place.json'), { x: 0, y: 0, width: 1000, height: 700 }, false)).not.toThrow();
    expect(fs.readFileSync(blocker, 'utf8')).toBe('not a folder');
  });
});
