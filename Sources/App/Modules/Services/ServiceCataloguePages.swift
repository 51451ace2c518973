import Foundation
import GaoxinCore

/// One text field of a catalogue form, with its bound and its message after a refusal.
struct CatalogueField: Sendable {
    let name: String
    let label: String
    let value: String
    let maxLength: Int
    /// A textarea for the long ones (设定依据, 受理条件, 办理流程).
    let long: Bool
    let error: String?
}

/// The item form (`/m/services/catalogue/new-item`, `…/items/:id`): every field of the national
/// guide, the department, the limits, 可网办, and the catalogue's 个人/企业 and life event.
struct ServiceItemFormPage: Sendable {
    let heading: String
    let action: String
    let csrf: String
    let fields: [CatalogueField]
    let departments: [SelectOption]
    let audiences: [SelectOption]
    let events: [SelectOption]
    let legalDays: String
    let promisedDays: String
    let online: Bool
    let cancelHref: String
    var errors = FormErrors()

    init(
        heading: String, action: String, csrf: String, input: ServiceItemInput, departments: [Int64: String],
        cancelHref: String, errors: FormErrors = FormErrors()
    ) {
        self.heading = heading
        self.action = action
        self.csrf = csrf
        fields = GuideField.allCases.map { f in
            CatalogueField(
                name: f.rawValue, label: f.label, value: input.guide[f] ?? "", maxLength: f.maxLength,
                long: f.maxLength > 300, error: errors[f.rawValue])
        }
        self.departments = ServiceCatalogueOptions.departments(departments, selected: input.department)
        audiences = ServiceCatalogueOptions.audiences(selected: input.audience)
        events = ServiceCatalogueOptions.events(selected: input.lifeEvent)
        legalDays = input.legalDays
        promisedDays = input.promisedDays
        online = input.online
        self.cancelHref = cancelHref
        self.errors = errors
    }
}

/// An item as a choice of the 一件事 form.
struct ItemChoice: Sendable {
    let value: String
    let label: String
    let checked: Bool
}

/// A material of the list on the 一件事 edit page, with its edit link and remove button.
struct CatalogueMaterialLine: Sendable {
    let line: MaterialLine
    let editHref: String
    let removeAction: String

    init(_ m: ServiceMaterialRow) {
        line = MaterialLine(m)
        editHref = SiteURL.serviceMaterialEdit(m.id).path
        removeAction = SiteURL.serviceMaterialRemove(m.id).path
    }
}

/// The 一件事 form (`/m/services/catalogue/new-bundle`, `…/bundles/:id`): name, code, summary, the
/// lead department, 个人/企业 and life event, 可网办, the items it bundles, and (once it exists)
/// its material list with add, edit and remove.
struct ServiceBundleFormPage: Sendable {
    let heading: String
    let action: String
    let csrf: String
    let code: String
    let name: String
    let summary: String
    let departments: [SelectOption]
    let audiences: [SelectOption]
    let events: [SelectOption]
    let online: Bool
    let items: [ItemChoice]
    let materials: [CatalogueMaterialLine]
    let newMaterialHref: String?
    let cancelHref: String
    var errors = FormErrors()
}

/// The material form: 名称, 必要性, 形式, 份数, 来源渠道, 受理标准, 免证办 source, blank form and sample.
struct ServiceMaterialFormPage: Sendable {
    let heading: String
    let bundleName: String
    let action: String
    let csrf: String
    let name: String
    let required: Bool
    let form: String
    let copies: String
    let source: String
    let standard: String
    let sources: [SelectOption]
    let blankName: String?
    let sampleName: String?
    let maxSize: String
    let cancelHref: String
    var errors = FormErrors()

    init(
        heading: String, bundle: ServiceBundleRow, action: String, csrf: String, input: ServiceMaterialInput,
        existing: ServiceMaterialRow?, errors: FormErrors = FormErrors()
    ) {
        self.heading = heading
        bundleName = bundle.name
        self.action = action
        self.csrf = csrf
        name = input.name
        required = input.required
        form = input.form
        copies = input.copies
        source = input.source
        standard = input.standard
        sources =
            [SelectOption(value: "", label: "无（申请人提交）", selected: input.filledFrom.isEmpty)]
            + MaterialSource.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == input.filledFrom)
            }
        blankName = existing?.blankName
        sampleName = existing?.sampleName
        maxSize = MaterialFileLimits.maxBytesText
        cancelHref = bundle.materialsPage.path
        self.errors = errors
    }
}

extension ServiceMaterialInput {
    init(_ m: ServiceMaterialRow) {
        self.init(
            name: m.name, required: m.required, form: m.form, copies: String(m.copies), source: m.source,
            standard: m.standard, filledFrom: m.filledFrom ?? "")
    }

    init(_ form: MultipartForm) {
        self.init(
            name: form["name"], required: form["required"] == "1", form: form["form"], copies: form["copies"],
            source: form["source"], standard: form["standard"], filledFrom: form["filled_from"])
    }
}

/// The choice lists the catalogue forms share.
enum ServiceCatalogueOptions {
    static func departments(_ names: [Int64: String], selected: String) -> [SelectOption] {
        [SelectOption(value: "", label: "请选择", selected: selected.isEmpty)]
            + names.sorted { $0.key < $1.key }.map {
                SelectOption(value: String($0.key), label: $0.value, selected: String($0.key) == selected)
            }
    }

    static func audiences(selected: String) -> [SelectOption] {
        ServiceAudience.allCases.map {
            SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected)
        }
    }

    static func events(selected: String) -> [SelectOption] {
        [SelectOption(value: "", label: "请选择", selected: selected.isEmpty)]
            + LifeEvent.allCases.map {
                SelectOption(
                    value: $0.rawValue, label: $0.audience.label + "·" + $0.label, selected: $0.rawValue == selected)
            }
    }
}
