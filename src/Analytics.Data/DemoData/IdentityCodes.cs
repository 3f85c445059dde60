using System.Globalization;

namespace Analytics.Data.DemoData;

/// <summary>Check digits of the national identifiers, so generated rows pass the validation real systems apply.</summary>
internal static class IdentityCodes
{
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheckCharacters = "10X98765432";

    private static readonly int[] OrganizationCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];
    private const string CreditCodeCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] CreditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
        "157", "158", "159", "177", "180", "181", "182", "183", "187", "188", "189", "199",
    ];

    /// <summary>
    /// 居民身份证号码 (GB 11643): six-digit region of registration, birth date, a three-digit sequence whose parity is
    /// the sex (odd for men), and the ISO 7064 MOD 11-2 check character.
    /// </summary>
    public static string IdNumber(string regionCode, DateOnly birthDate, int sequence)
    {
        if (regionCode.Length != 6 || sequence is < 0 or > 999)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), "A region code has six digits, a sequence three.");
        }

        var body = string.Create(CultureInfo.InvariantCulture, $"{regionCode}{birthDate:yyyyMMdd}{sequence:D3}");
        return body + IdCheckCharacter(body);
    }

    /// <summary>The 18th character for the first 17 digits: Σ digitᵢ·2^(17−i) mod 11, mapped through 10X98765432.</summary>
    public static char IdCheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * IdWeights[i];
        }

        return IdCheckCharacters[sum % 11];
    }

    /// <summary>
    /// 统一社会信用代码 (GB 32100): 9 (registered by market regulation), 1 (enterprise), six-digit region, the nine-character
    /// organization code with its GB 11714 check character, and the base-31 check character.
    /// </summary>
    public static string CreditCode(string regionCode, int serial)
    {
        // "MA" + six base-31 characters, the shape of codes issued since 2015; the serial keeps them unique per region.
        Span<char> organization = stackalloc char[9];
        organization[0] = 'M';
        organization[1] = 'A';
        var n = serial;
        for (var i = 7; i >= 2; i--)
        {
            organization[i] = CreditCodeCharacters[n % 31];
            n /= 31;
        }

        var weighted = 0;
        for (var i = 0; i < 8; i++)
        {
            weighted += CharValue36(organization[i]) * OrganizationCodeWeights[i];
        }

        var check = 11 - weighted % 11;
        organization[8] = check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };

        var body = "91" + regionCode + new string(organization);
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += CreditCodeCharacters.IndexOf(body[i], StringComparison.Ordinal) * CreditCodeWeights[i];
        }

        var last = 31 - sum % 31;
        return body + CreditCodeCharacters[last == 31 ? 0 : last];
    }

    public static string MobilePhone(DemoRandom random) =>
        random.Pick(MobilePrefixes) + random.Next(100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    private static int CharValue36(char c) => c is >= '0' and <= '9' ? c - '0' : c - 'A' + 10;
}
