/// GB 32100-2015 code table: registration authority (position 1) → organisation types (position 2).
/// The standard itself lists 1, 5, 9 and Y; the other authorities were assigned afterwards by the
/// national standardisation administration and appear on real certificates (律师事务所 31…, 村集体 N2…).
enum CreditCodeTable {
    struct Authority {
        let name: String
        let types: [Character: String]
    }

    static let authorities: [Character: Authority] = [
        "1": Authority(name: "机构编制", types: ["1": "机关", "2": "事业单位", "3": "编办直接管理机构编制的群众团体", "9": "其他"]),
        "2": Authority(name: "外交", types: ["1": "外国常驻新闻机构", "9": "其他"]),
        "3": Authority(
            name: "司法行政",
            types: [
                "1": "律师执业机构", "2": "公证处", "3": "基层法律服务所", "4": "司法鉴定机构", "5": "仲裁委员会", "9": "其他",
            ]),
        "4": Authority(name: "文化", types: ["1": "外国在华文化中心", "9": "其他"]),
        // 5-4: 基层群众性自治组织特别法人 (村委会、居委会), coded by 民政 since 2017.
        "5": Authority(name: "民政", types: ["1": "社会团体", "2": "民办非企业单位", "3": "基金会", "4": "基层群众性自治组织", "9": "其他"]),
        "6": Authority(name: "旅游", types: ["1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地（大陆）代表机构", "9": "其他"]),
        "7": Authority(name: "宗教", types: ["1": "宗教活动场所", "2": "宗教院校", "9": "其他"]),
        "8": Authority(name: "工会", types: ["1": "基层工会", "9": "其他"]),
        "9": Authority(name: "工商", types: ["1": "企业", "2": "个体工商户", "3": "农民专业合作社"]),
        "A": Authority(name: "中央军委改革和编制办公室", types: ["1": "军队事业单位", "9": "其他"]),
        "N": Authority(name: "农业", types: ["1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"]),
        "Y": Authority(name: "其他", types: ["1": "其他"]),
    ]
}
