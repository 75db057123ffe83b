/**
 * Person fields that know the roster: `PersonPicker` for one name (kind
 * `person`, sub-table columns too), `PeoplePicker` for several (kind `people`).
 *
 * Suggestions come from the core (people.suggest), found by the rule the search
 * box finds people by, on the name only: its characters, its full pinyin or its
 * initials (张, zhang, zs, z s → 张三; 曾 also as zeng). The pinyin stays in the
 * core, so pinyin-pro's and OpenCC's tables stay out of the renderer's bundle
 * and the rule stays in one place; a suggestion costs one local call per
 * keystroke, and only the answer to the latest text is shown. Each suggestion
 * shows the person's 职务 and 党小组 beside the name, so two 张伟 can be told
 * apart; choosing one stores the name. ↑/↓ move through the suggestions, Enter
 * chooses one and never sends the form.
 *
 * Free text stays allowed (people who left, visitors, an upper-level cadre): a
 * name nobody on the roster has gets a warning, never an error, read by the
 * rule the 谈心谈话 matrix reads names with (shared/rules/names.ts: several
 * names split, 同志 dropped, a collective subject such as 钻井一班全体成员 is no
 * unknown name).
 */
import { AutoComplete, Form, Select, Tag, Typography } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useCallback, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Person } from '../../../../shared/methods/people';
import { personTitle, unknownNames } from '../../../../shared/rules/names';
import { call } from '../../api';

/** The roster people the pickers offer and check names against (everyone, or e.g. only the 中共党员). */
export interface PickerContext {
  people: readonly Person[];
}

interface PersonOption {
  key: number;
  value: string;
  label: ReactNode;
  person: Person;
}

/** What tells two people of one name apart: 职务 and 党小组, else the 政治面貌. */
const detail = (p: Person) => [personTitle(p), p.groupName].filter(Boolean).join(' · ') || p.politicalStatus;

function optionOf(p: Person): PersonOption {
  return {
    key: p.id,
    value: p.name,
    person: p,
    label: (
      <span style={{ display: 'flex', justifyContent: 'space-between', gap: 16 }}>
        <span>{p.name}</span>
        <Typography.Text type="secondary">{detail(p)}</Typography.Text>
      </span>
    ),
  };
}

/** The people of `ctx` that the text finds, from the core; an answer to an older text is dropped. */
function useSuggestions(ctx: PickerContext): [PersonOption[], (text: string) => void] {
  const [found, setFound] = useState<Person[]>([]);
  const asked = useRef(0);
  const suggest = useCallback((text: string) => {
    const n = ++asked.current;
    if (!text.trim()) return setFound([]);
    const answer = (people: Person[]) => {
      if (n === asked.current) setFound(people);
    };
    // A failed call suggests nobody: the field still takes what is typed.
    call('people.suggest', { text: text.slice(0, 100) }).then(answer, () => answer([]));
  }, []);
  const offered = new Set(ctx.people.map((p) => p.id));
  return [found.filter((p) => offered.has(p.id)).map(optionOf), suggest];
}

/**
 * The names of the value nobody in `ctx` has (when `shown`), the input's status
 * for them (an error the form shows wins), and whether a name is one of them.
 */
function useUnknown(ctx: PickerContext, value: unknown, shown: boolean) {
  const roster = new Set(ctx.people.map((p) => p.name));
  const names = shown ? unknownNames(value, roster) : [];
  const { status } = Form.Item.useStatus();
  return {
    names,
    status: names.length > 0 && status !== 'error' ? ('warning' as const) : undefined,
    isUnknown: (name: unknown) => unknownNames(name, roster).length > 0,
  };
}

/** The warning under a field that holds names nobody on the roster has. */
function RosterWarning({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  return (
    <Typography.Text type="warning" style={{ display: 'block', fontSize: 12, lineHeight: '20px' }}>
      名册中没有{names.map((n) => `“${n}”`).join('、')}，将按原文保存
    </Typography.Text>
  );
}

/**
 * The 职务 field beside a person field (FieldDef.titleField) follows the person
 * chosen while it is empty or still holds the 职务 of the person named before;
 * a 职务 the user typed stays. A name typed in full counts as chosen when one
 * person on the roster has it; a name nobody (or several) has empties a 职务
 * that followed the person before.
 */
function useTitleFill(ctx: PickerContext, titlePath: NamePath | undefined) {
  const form = Form.useFormInstance();
  /** The name the field held when its 职务 was last set, or when editing began. */
  const before = useRef('');
  const follow = (name: string, person: Person | null) => {
    if (titlePath === undefined) return;
    const title = String(form.getFieldValue(titlePath) ?? '');
    const automatic = title === '' || ctx.people.some((p) => p.name === before.current && personTitle(p) === title);
    if (automatic) form.setFieldValue(titlePath, person ? personTitle(person) : '');
    before.current = name;
  };
  return {
    begin: (value: string) => {
      before.current = value;
    },
    chosen: (person: Person) => follow(person.name, person),
    /** On leaving the field: a name typed rather than chosen. */
    typed: (value: string) => {
      if (value === before.current) return;
      const same = ctx.people.filter((p) => p.name === value.trim());
      follow(value, same.length === 1 ? same[0]! : null);
    },
  };
}

/** Enter in a person field chooses a suggestion (or nothing); it never sends the form. An IME's own Enter is left alone. */
const keepEnter = (e: KeyboardEvent) => {
  if (e.key === 'Enter' && !e.nativeEvent.isComposing) e.preventDefault();
};

interface PickerProps<V> {
  ctx: PickerContext;
  value?: V;
  onChange?: (v: V) => void;
  id?: string;
  'aria-label'?: string;
}

/** One name, typed or chosen from the roster; `titlePath` is the form path of its 职务 field, if it has one. */
export function PersonPicker({ ctx, titlePath, value = '', onChange, ...rest }: PickerProps<string> & { titlePath?: NamePath }) {
  const [options, suggest] = useSuggestions(ctx);
  const title = useTitleFill(ctx, titlePath);
  const [editing, setEditing] = useState(false);
  // While the name is being typed it is no name yet: the warning waits until the field is left.
  const unknown = useUnknown(ctx, value, !editing);
  return (
    <>
      <AutoComplete
        {...rest}
        value={value}
        onChange={(v: string | undefined) => onChange?.(v ?? '')}
        options={options}
        showSearch={{ filterOption: false, onSearch: suggest }}
        onSelect={(_: unknown, o: PersonOption) => {
          title.chosen(o.person);
          suggest('');
        }}
        onFocus={() => {
          setEditing(true);
          title.begin(value);
        }}
        onBlur={() => {
          setEditing(false);
          title.typed(value);
        }}
        onKeyDown={keepEnter}
        status={unknown.status}
        popupMatchSelectWidth={260}
        placeholder="输入姓名、拼音或首字母"
      />
      <RosterWarning names={unknown.names} />
    </>
  );
}

/** Several names, each typed or chosen from the roster; a name nobody on it has shows as a warning tag. */
export function PeoplePicker({ ctx, value = [], onChange, ...rest }: PickerProps<string[]>) {
  const [options, suggest] = useSuggestions(ctx);
  const unknown = useUnknown(ctx, value, true);
  return (
    <>
      <Select
        {...rest}
        mode="tags"
        value={value}
        onChange={(v: string[]) => {
          onChange?.(v);
          suggest('');
        }}
        options={options}
        showSearch={{ filterOption: false, onSearch: suggest }}
        tagRender={({ value: name, closable, onClose }) => (
          <Tag
            color={unknown.isUnknown(name) ? 'warning' : undefined}
            closable={closable}
            onClose={onClose}
            onMouseDown={(e) => e.preventDefault()}
            style={{ marginInlineEnd: 4 }}
          >
            {String(name)}
          </Tag>
        )}
        status={unknown.status}
        placeholder="输入姓名、拼音或首字母，可多人"
      />
      <RosterWarning names={unknown.names} />
    </>
  );
}
