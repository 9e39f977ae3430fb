import { type FormEvent, useState } from 'react';
import { isBlankRow } from '../../../../shared/grid/columns';
import type { EditReport } from '../../../../shared/grid/commands';
import type { GridEditor } from '../../../../shared/grid/editor';
import { defaultMethod, defaultTemplate } from '../../../../shared/grid/pbx-index';
import { Dialog } from '../pbx/Dialog';

/**
 * "Set vendor/model…" for the selected rows. With the PBX's options loaded it offers only valid
 * combinations (vendor → model → template → method, with the model's default template and method
 * preselected); without them the values are typed and checked once PBX data arrives.
 */
export function BulkSetDialog({ editor, onClose, onReport }: { editor: GridEditor; onClose: () => void; onReport: (r: EditReport) => void }) {
  const index = editor.getIndex();
  const vendors = index.snapshot.compatibility.vendors;
  const first = editor.selectedRows().find((r) => r.vendor !== '');
  const [vendor, setVendor] = useState(first?.vendor ?? vendors[0]?.value ?? '');
  const vendorDef = index.vendor(vendor);
  const [model, setModel] = useState(first?.model ?? vendorDef?.models[0]?.value ?? '');
  const modelDef = vendorDef ? index.model(vendorDef, model) : undefined;
  const [template, setTemplate] = useState(first?.template ?? (modelDef ? (defaultTemplate(modelDef) ?? '') : ''));
  const [method, setMethod] = useState<string>(first?.method ?? (modelDef ? (defaultMethod(modelDef) ?? '') : ''));
  const [auth, setAuth] = useState(first?.auth ?? false);
  const count = editor.selectedRows().filter((r) => !isBlankRow(r)).length;
  const loaded = index.loaded.compatibility;

  const chooseVendor = (value: string): void => {
    setVendor(value);
    const models = index.vendor(value)?.models ?? [];
    chooseModel(models[0]?.value ?? '', value);
  };
  const chooseModel = (value: string, forVendor = vendor): void => {
    setModel(value);
    const v = index.vendor(forVendor);
    const m = v ? index.model(v, value) : undefined;
    setTemplate(m ? (defaultTemplate(m) ?? '') : '');
    setMethod(m ? (defaultMethod(m) ?? '') : '');
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    onReport(editor.bulkSet({ vendor, model, template, method, auth: auth ? 'yes' : 'no' }));
    onClose();
  };

  const field = (id: string, label: string, value: string, options: readonly string[] | undefined, set: (v: string) => void) => (
    <>
      <label htmlFor={id}>{label}</label>
      {loaded && options ? (
        <select id={id} value={value} onChange={(e) => set(e.target.value)}>
          {!options.includes(value) && <option value={value}>{value === '' ? '— choose —' : `${value} (not offered)`}</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} value={value} onChange={(e) => set(e.target.value)} />
      )}
    </>
  );

  return (
    <Dialog className="modal" title="Set vendor, model, template and method" onClose={onClose} testId="bulk-set-dialog">
      <form onSubmit={submit}>
        <p>
          For the {count} selected row{count === 1 ? '' : 's'} with something entered.
          {!loaded && ' PBX data is not loaded: type the names as the PBX spells them; they are checked when it is.'}
        </p>
        <div className="form-grid">
          {field('bulk-vendor', 'Vendor', vendor, vendors.map((v) => v.value), chooseVendor)}
          {field('bulk-model', 'Model', model, vendorDef?.models.map((m) => m.value), (v) => chooseModel(v))}
          {field('bulk-template', 'Template', template, modelDef?.templates, setTemplate)}
          {field('bulk-method', 'Method', method, modelDef?.methods, setMethod)}
          <span />
          <label>
            <input type="checkbox" checked={auth} onChange={(e) => setAuth(e.target.checked)} /> Authentication for first-time provisioning (RPS)
          </label>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={count === 0}>
            Set on {count} row{count === 1 ? '' : 's'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
