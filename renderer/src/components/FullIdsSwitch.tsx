import { Switch } from 'antd';

/** 身份证号 are masked on paper and in exports until the user turns this on (off on every page load). */
export function FullIdsSwitch({ checked, onChange }: { checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="muted" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }} title="打开后，打印和导出的文件中是完整的身份证号">
      <Switch size="small" checked={checked} onChange={onChange} aria-label="显示完整身份证号" />
      显示完整身份证号
    </label>
  );
}
