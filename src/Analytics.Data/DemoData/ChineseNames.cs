namespace Analytics.Data.DemoData;

/// <summary>Plausible generated names: people, villages, communities, residential compounds, companies.</summary>
internal static class ChineseNames
{
    // Common surnames of Sanming, most frequent first and repeated so they come up more often (陈, 林, 黄 ...),
    // with the She (畲族) surnames 雷, 蓝, 钟 and the Hakka surnames of Ninghua and Qingliu.
    private static readonly string[] Surnames =
    [
        "陈", "陈", "陈", "林", "林", "林", "黄", "黄", "张", "张", "李", "李", "王", "王", "吴", "吴", "刘", "刘",
        "杨", "郑", "罗", "邓", "邱", "廖", "赖", "曾", "肖", "魏", "徐", "谢", "余", "江", "范", "朱", "叶", "池",
        "温", "雷", "蓝", "钟", "丁", "严", "卢", "周", "胡", "何", "高", "郭", "许", "游", "翁", "连", "揭", "官",
        "危", "伍", "饶", "巫", "詹", "傅", "蔡", "姜", "涂", "邹", "熊", "童", "管", "谢", "马", "梁",
    ];

    private static readonly string[] MaleGiven =
    [
        "建", "国", "华", "明", "伟", "强", "军", "平", "志", "文", "斌", "勇", "辉", "林", "海", "杰", "峰", "福", "荣",
        "金", "生", "德", "春", "宏", "坤", "鑫", "俊", "涛", "磊", "鹏", "飞", "锋", "庆", "祥", "清", "水", "发", "兴",
        "旺", "良", "忠", "贵", "永", "长", "光", "东", "新", "宇", "浩", "晨", "昊", "泽", "睿", "航", "凯", "毅",
    ];

    private static readonly string[] FemaleGiven =
    [
        "丽", "芳", "秀", "英", "兰", "娟", "玲", "梅", "霞", "燕", "萍", "红", "琴", "华", "珍", "凤", "婷", "雪", "静",
        "敏", "慧", "莉", "艳", "月", "云", "春", "桂", "美", "佳", "欣", "怡", "菲", "琳", "洁", "颖", "晓", "思", "雨",
    ];

    private static readonly string[] VillageFirst =
    [
        "上", "下", "东", "西", "南", "北", "大", "小", "新", "高", "龙", "凤", "金", "石", "青", "桂", "梅", "竹", "溪",
        "洋", "黄", "白", "红", "岭", "坑", "坪", "吉", "福", "丰", "长", "安", "和", "罗", "湖", "林", "松", "桃", "李",
        "里", "荷", "茶", "官", "双", "三", "半", "马", "鹿", "云", "枫", "杉", "盖", "墩", "楼", "际", "赤", "清",
    ];

    private static readonly string[] VillageSecond =
    [
        "坑", "坪", "洋", "溪", "山", "头", "口", "源", "岭", "墩", "坂", "田", "湖", "林", "塘", "峰", "桥", "厝", "阳",
        "际", "坊", "背", "岗", "垅", "湾", "寨", "洲", "坝", "亭", "埔", "垄", "门", "兴", "丰", "安", "前", "后", "地",
        "下", "上", "村", "庄", "畲", "圩", "场", "窠",
    ];

    private static readonly string[] CommunityFirst =
    [
        "东", "西", "南", "北", "新", "中", "和", "建", "江", "滨", "城", "龙", "凤", "桥", "富", "兴", "华", "安", "民",
        "文", "金", "梅", "翠", "崇", "长", "红", "列", "徐", "乐", "胜", "团", "德", "贵", "泉", "永", "先",
    ];

    private static readonly string[] CommunitySecond =
    [
        "门", "街", "华", "平", "山", "滨", "湖", "岗", "园", "都", "兴", "城", "桥", "安", "和", "苑", "坊", "溪", "阳",
        "西", "东", "岭", "丰", "盛", "源", "泰", "荣", "利", "光", "明",
    ];

    private static readonly string[] ResidentialFirst =
    [
        "翠竹", "锦绣", "金色", "碧水", "华庭", "怡景", "康城", "福临", "盛世", "丽景", "阳光", "江滨", "龙岗", "世纪",
        "学府", "溪畔", "东方", "幸福", "和谐", "山水", "御景", "融侨", "滨江", "建发", "中骏", "香樟", "枫林", "紫荆",
        "海西", "梅园", "兴隆", "新华", "沙溪", "燕江", "金沙", "万寿", "凤凰", "桂花", "碧桂", "青云",
    ];

    private static readonly string[] ResidentialSecond =
    [
        "苑", "园", "花园", "小区", "家园", "新村", "公寓", "嘉园", "名城", "雅居", "华府", "佳苑", "天地", "广场",
    ];

    private static readonly string[] TradeNames =
    [
        "恒信", "鑫源", "宏达", "永盛", "福旺", "汇丰", "金泰", "华兴", "瑞祥", "嘉禾", "昌隆", "顺通", "鸿运", "新丰",
        "佳和", "万达", "天成", "闽中", "绿源", "青山", "沙溪", "翠竹", "金森", "华林", "众诚", "利民", "海峡", "山城",
    ];

    public static string Person(DemoRandom random, bool male)
    {
        var given = male ? MaleGiven : FemaleGiven;
        var name = random.Pick(Surnames) + random.Pick(given);
        return random.Chance(0.72) ? name + random.Pick(given) : name;
    }

    public static string Surname(DemoRandom random) => random.Pick(Surnames);

    /// <summary>A two-character village name plus 村, not yet in <paramref name="used"/>.</summary>
    public static string Village(DemoRandom random, ISet<string> used) =>
        Unique(used, () => random.Pick(VillageFirst) + random.Pick(VillageSecond) + "村");

    public static string Community(DemoRandom random, ISet<string> used) =>
        Unique(used, () => random.Pick(CommunityFirst) + random.Pick(CommunitySecond) + "社区");

    public static string Residential(DemoRandom random, ISet<string> used) =>
        Unique(used, () => random.Pick(ResidentialFirst) + random.Pick(ResidentialSecond));

    public static string Trade(DemoRandom random) => random.Pick(TradeNames);

    /// <summary>"上坪村" → "上坪": the stem used inside longer names.</summary>
    public static string Stem(string regionName) =>
        regionName.EndsWith("社区", StringComparison.Ordinal) ? regionName[..^2]
        : regionName.EndsWith('村') ? regionName[..^1]
        : regionName;

    private static string Unique(ISet<string> used, Func<string> next)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var name = next();
            if (used.Add(name))
            {
                return name;
            }
        }

        // The syllable lists hold thousands of combinations; running out means a list was cut by mistake.
        throw new InvalidOperationException("Ran out of generated names.");
    }
}
