/**
 * Date, month and time inputs whose values are the strings the records store.
 *
 * Dates and months are typed as secretaries write them (2010.6.1, 20100601,
 * 2010年6月1日, full-width digits …) and read by the one parser the roster import
 * uses (shared/dates.ts); the calendar beside the box picks one instead. Times
 * likewise (9:30, 930, 9点半). The
 * value is committed when the box is left, on Enter (which never submits the
 * form) or on a pick: the box then shows the normalised date. Text that is not
 * a date is committed as typed, so the form's check reports it at the field
 * with the parser's reason; nothing typed is ever turned into an empty value.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Calendar, Input, Popover } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { isValidIsoDate, readDateInput, readMonthInput, readTimeInput } from '../../../../shared/dates';
import type { Parsed } from '../../../../shared/text';

interface StringValue {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  'aria-label'?: string;
  disabled?: boolean;
  status?: '' | 'error' | 'warning';
}

interface CalendarPick {
  /** The committed value as a calendar day, or null when it is not one. */
  toDay: (value: string) => Dayjs | null;
  pick: (d: Dayjs) => string;
  /** The calendar shows days (a date) or months (a month). */
  mode: 'month' | 'year';
  range?: [Dayjs, Dayjs];
}

interface TypedProps extends StringValue {
  read: (text: string) => Parsed<string>;
  placeholder: string;
  /** A calendar beside the box, for dates and months. */
  calendar?: CalendarPick;
}

/** A box that reads what is typed when it is left (or on Enter), with an optional calendar to pick from. */
function TypedBox({ value = '', onChange, read, placeholder, calendar, status, ...rest }: TypedProps) {
  const [text, setText] = useState(value);
  const [open, setOpen] = useState(false);
  /** The value last committed here or received: a new one from outside (a load, a reset) replaces the text. */
  const known = useRef(value);
  useEffect(() => {
    if (value !== known.current) {
      known.current = value;
      setText(value);
    }
  }, [value]);

  const commit = (next: string) => {
    setText(next);
    if (next === known.current) return;
    known.current = next;
    onChange?.(next);
  };
  /** The typed text as the value: normalised when it reads as a date, else as typed (the check names the problem). */
  const commitText = () => {
    const r = read(text);
    commit(r.ok ? r.value : text.trim());
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      // Enter confirms the date; it never saves the whole form.
      e.preventDefault();
      commitText();
    } else if (e.key === 'ArrowDown' && e.altKey && calendar) {
      e.preventDefault();
      setOpen(true);
    }
  };
  const box = (
    <Input
      {...rest}
      status={status}
      value={text}
      placeholder={placeholder}
      autoComplete="off"
      onChange={(e) => setText(e.target.value)}
      onBlur={commitText}
      onKeyDown={onKeyDown}
      suffix={
        calendar && (
          <Button
            type="text"
            size="small"
            tabIndex={-1}
            aria-label="打开日历"
            disabled={rest.disabled}
            icon={<CalendarOutlined />}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => setOpen(!open)}
            style={{ margin: '-4px -6px', height: 24 }}
          />
        )
      }
    />
  );
  if (!calendar) return box;
  const { toDay, pick, mode, range } = calendar;
  const day = toDay(value);
  return (
    <Popover
      open={open && !rest.disabled}
      onOpenChange={setOpen}
      trigger={[]}
      placement="bottomLeft"
      arrow={false}
      destroyOnHidden
      content={
        <div style={{ width: 290 }}>
          <Calendar
            fullscreen={false}
            mode={mode}
            value={day ?? undefined}
            validRange={range}
            onSelect={(d, info) => {
              if ((mode === 'month' && info.source === 'date') || (mode === 'year' && info.source === 'month')) {
                commit(pick(d));
                setOpen(false);
              }
            }}
          />
        </div>
      }
    >
      {box}
    </Popover>
  );
}

/** `min` / `max` (YYYY-MM-DD) keep the calendar within a range (a plan within its year). */
export function DateInput({ min, max, ...props }: StringValue & { min?: string; max?: string }) {
  return (
    <TypedBox
      {...props}
      read={readDateInput}
      placeholder="如 2019-07-01 或 2019.7.1"
      calendar={{
        toDay: (v) => (isValidIsoDate(v) ? dayjs(v) : null),
        pick: (d) => d.format('YYYY-MM-DD'),
        mode: 'month',
        range: min && max ? [dayjs(min), dayjs(max)] : undefined,
      }}
    />
  );
}

export function MonthInput(props: StringValue) {
  return (
    <TypedBox
      {...props}
      read={readMonthInput}
      placeholder="如 2019-07 或 2019.7"
      calendar={{
        toDay: (v) => (/^\d{4}-\d{2}$/.test(v) && isValidIsoDate(`${v}-01`) ? dayjs(`${v}-01`) : null),
        pick: (d) => d.format('YYYY-MM'),
        mode: 'year',
      }}
    />
  );
}

export function TimeInput(props: StringValue) {
  return <TypedBox {...props} read={readTimeInput} placeholder="如 09:30 或 9点半" />;
}
