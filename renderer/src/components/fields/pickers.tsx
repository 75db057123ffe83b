/**
 * Date, month and time inputs whose values are the strings the records store.
 *
 * Dates and months are typed as secretaries write them (2010.6.1, 20100601,
 * 2010年6月1日, full-width digits …) and read by the one parser the roster import
 * uses (shared/dates.ts); the calendar beside the box picks one instead. The
 * value is committed when the box is left, on Enter (which never submits the
 * form) or on a pick: the box then shows the normalised date. Text that is not
 * a date is committed as typed, so the form's check reports it at the field
 * with the parser's reason; nothing typed is ever turned into an empty value.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Calendar, Input, Popover, TimePicker } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { isValidIsoDate, readDateInput, readMonthInput } from '../../../../shared/dates';
import type { Parsed } from '../../../../shared/text';

interface StringValue {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  'aria-label'?: string;
  disabled?: boolean;
  status?: '' | 'error' | 'warning';
}

interface TypedProps extends StringValue {
  read: (text: string) => Parsed<string>;
  /** The committed value as a calendar day, or null when it is not one. */
  toDay: (value: string) => Dayjs | null;
  pick: (d: Dayjs) => string;
  placeholder: string;
  /** The calendar shows days (a date) or months (a month). */
  mode: 'month' | 'year';
  range?: [Dayjs, Dayjs];
}

function TypedDate({ value = '', onChange, read, toDay, pick, placeholder, mode, range, status, ...rest }: TypedProps) {
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
    } else if (e.key === 'ArrowDown' && e.altKey) {
      e.preventDefault();
      setOpen(true);
    }
  };
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
        }
      />
    </Popover>
  );
}

/** `min` / `max` (YYYY-MM-DD) keep the calendar within a range (a plan within its year). */
export function DateInput({ min, max, ...props }: StringValue & { min?: string; max?: string }) {
  return (
    <TypedDate
      {...props}
      read={readDateInput}
      toDay={(v) => (isValidIsoDate(v) ? dayjs(v) : null)}
      pick={(d) => d.format('YYYY-MM-DD')}
      placeholder="如 2019-07-01 或 2019.7.1"
      mode="month"
      range={min && max ? [dayjs(min), dayjs(max)] : undefined}
    />
  );
}

export function MonthInput(props: StringValue) {
  return (
    <TypedDate
      {...props}
      read={readMonthInput}
      toDay={(v) => (/^\d{4}-\d{2}$/.test(v) && isValidIsoDate(`${v}-01`) ? dayjs(`${v}-01`) : null)}
      pick={(d) => d.format('YYYY-MM')}
      placeholder="如 2019-07 或 2019.7"
      mode="year"
    />
  );
}

export function TimeInput({ value, onChange, ...rest }: StringValue) {
  return (
    <TimePicker
      {...rest}
      format="HH:mm"
      minuteStep={5}
      needConfirm={false}
      style={{ width: '100%' }}
      value={value ? dayjs(`2000-01-01T${value}`) : null}
      onChange={(d) => onChange?.(d ? d.format('HH:mm') : '')}
    />
  );
}
