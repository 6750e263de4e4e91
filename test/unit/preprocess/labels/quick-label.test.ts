import { describe, expect, it } from 'vitest';
import { QuickLabelSession } from '../../../../src/lib/preprocess/labels';

function session(): QuickLabelSession {
  return new QuickLabelSession({ itemIds: ['a', 'b', 'c', 'd'], classes: ['normal', 'reduced'], initial: new Map([['c', 'reduced'], ['x', 'normal'], ['d', 'odd']]) });
}

describe('QuickLabelSession', () => {
  it('binds 1…n to the classes and keeps only valid initial labels', () => {
    const s = session();
    expect(s.bindings).toEqual([{ key: '1', label: 'normal' }, { key: '2', label: 'reduced' }]);
    expect([...s.snapshot()]).toEqual([['c', 'reduced']]);
    expect(s.currentItemId).toBe('a');
  });

  it('labels with a digit and moves on; arrows move; unused keys are passed on', () => {
    const s = session();
    expect(s.press('2')).toBe(true);
    expect([s.labelOf('a'), s.currentItemId]).toEqual(['reduced', 'b']);
    expect(s.press('3')).toBe(false); // only two classes
    expect(s.press('q')).toBe(false);
    s.press('ArrowRight');
    s.press('ArrowRight');
    s.press('ArrowRight'); // stays on the last scan
    expect(s.currentItemId).toBe('d');
    s.press('ArrowLeft');
    expect(s.currentItemId).toBe('c');
    s.press('Backspace');
    expect(s.labelOf('c')).toBeUndefined();
    expect(s.labelledCount).toBe(1);
  });

  it('undoes changes in reverse order and returns to their scan', () => {
    const s = session();
    s.press('1'); // a = normal, → b
    s.press('2'); // b = reduced, → c
    s.press('1'); // c: reduced → normal, → d
    expect([...s.snapshot()].sort()).toEqual([['a', 'normal'], ['b', 'reduced'], ['c', 'normal']]);
    expect(s.undo()).toBe(true);
    expect([s.labelOf('c'), s.currentItemId]).toEqual(['reduced', 'c']);
    expect(s.undo()).toBe(true);
    expect([s.labelOf('b'), s.currentItemId]).toEqual([undefined, 'b']);
    expect(s.undo()).toBe(true);
    expect(s.undo()).toBe(false);
    expect([...s.snapshot()]).toEqual([['c', 'reduced']]);
  });

  it('finds the next unlabelled scan, wrapping round', () => {
    const s = session();
    s.goTo(1);
    expect(s.nextUnlabelled()).toBe(3);
    s.goTo(3);
    expect(s.nextUnlabelled()).toBe(0);
    for (const id of ['a', 'b', 'd']) {
      s.goTo(['a', 'b', 'c', 'd'].indexOf(id));
      s.assign('normal');
    }
    expect(s.nextUnlabelled()).toBeUndefined();
  });

  it('refuses more than nine classes or a repeated one', () => {
    expect(() => new QuickLabelSession({ itemIds: [], classes: Array.from({ length: 10 }, (_, i) => `c${i}`) })).toThrow(/1 to 9 classes, not 10/);
    expect(() => new QuickLabelSession({ itemIds: [], classes: ['a', 'a'] })).toThrow(/listed twice/);
  });
});
