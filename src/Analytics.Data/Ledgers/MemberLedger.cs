using System.Globalization;
using Analytics.Data.DemoData;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Data.Ledgers;

/// <summary>党员花名册: one row per member, keyed by 身份证号.</summary>
internal sealed class MemberLedger : ILedger
{
    public const string Name = "姓名";
    public const string Gender = "性别";
    public const string IdNumber = "身份证号";
    public const string BirthDate = "出生日期";
    public const string Phone = "联系电话";
    public const string JoinedOn = "入党时间";
    public const string Organization = "所在党组织";
    public const string Category = "党员类别";
    public const string StarMember = "星级党员";
    public const string Cadre = "党员干部";

    /// <summary>Nobody alive was born before this; birth dates are not party dates, so 1921 does not apply.</summary>
    private static readonly DateOnly EarliestBirth = new(1900, 1, 1);

    private static readonly Dictionary<string, Domain.Gender> Genders = new() { ["男"] = Domain.Gender.Male, ["女"] = Domain.Gender.Female };

    private static readonly Dictionary<string, MemberCategory> Categories = new()
    {
        ["农村党员"] = MemberCategory.Rural, ["在职党员"] = MemberCategory.InService, ["流动党员"] = MemberCategory.Mobile,
        ["离退休党员"] = MemberCategory.Retired, ["农村"] = MemberCategory.Rural, ["在职"] = MemberCategory.InService,
        ["流动"] = MemberCategory.Mobile, ["离退休"] = MemberCategory.Retired,
    };

    public LedgerKind Kind => LedgerKind.Members;

    public IReadOnlyList<LedgerColumn> Columns { get; } =
    [
        new(Name, true, "Full name, at most 50 characters."),
        new(Gender, true, "男 or 女; must agree with the 17th digit of 身份证号 (odd for men)."),
        new(IdNumber, true, "18-character 居民身份证号码 with a valid check character (X allowed); the key of the ledger. Format the column as text in Excel."),
        new(BirthDate, true, "Date (2021-07-01, 2021/7/1, 2021年7月1日 or an Excel date), from 1900 to today; must agree with 身份证号."),
        new(Phone, true, "11-digit mobile number."),
        new(JoinedOn, true, "Date of admission (入党时间), from 1921-07-01 to today, on or after the 18th birthday."),
        new(Organization, true, "Full name of the party organization holding the membership, as in the store."),
        new(Category, true, "农村党员, 在职党员, 流动党员 or 离退休党员 (农村/在职/流动/离退休 also accepted)."),
        new(StarMember, false, "是 or 否 (blank: 否)."),
        new(Cadre, false, "是 or 否 (blank: 否): a party or government cadre."),
    ];

    public async Task<LedgerCounts> StageAsync(
        OperationalDbContext db, IReadOnlyList<LedgerRecord> rows, LedgerRowReader reader, Func<bool> anyErrors, CancellationToken cancellationToken)
    {
        var references = new LedgerReferences(db);
        var parsed = new List<PartyMember>();
        var lines = new List<int>(); // the row of each parsed member
        var firstRowOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in rows)
        {
            reader.Record = record;
            var name = reader.Text(Name, 50);
            var gender = reader.Choice(Gender, Genders);
            var idNumber = ReadIdNumber(reader);
            var birthDate = reader.Date(BirthDate, EarliestBirth);
            var phone = ReadPhone(reader);
            var joinedOn = reader.Date(JoinedOn, LedgerRowReader.PartyFounded);
            var organizationName = reader.Text(Organization, 150);
            var category = reader.Choice(Category, Categories);
            var star = reader.Flag(StarMember);
            var cadre = reader.Flag(Cadre);
            var organizationId = organizationName is null ? null : await references.OrganizationAsync(reader, Organization, organizationName, cancellationToken);

            if (idNumber is not null)
            {
                if (firstRowOfKey.TryGetValue(idNumber, out var first))
                {
                    reader.Error(IdNumber, LedgerErrorCodes.DuplicateKey,
                        string.Create(CultureInfo.InvariantCulture, $"{IdNumber} {PersonalData.MaskIdNumber(idNumber)} is also on row {first}; a member appears once."));
                }
                else
                {
                    firstRowOfKey[idNumber] = record.Row;
                }

                var idBirth = DateOnly.ParseExact(idNumber.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);
                if (birthDate is { } b && b != idBirth)
                {
                    reader.Error(BirthDate, LedgerErrorCodes.Inconsistent, $"{BirthDate} {b:yyyy-MM-dd} differs from the birth date in {IdNumber}.");
                }

                var male = (idNumber[16] - '0') % 2 == 1;
                if (gender is { } g && g == Domain.Gender.Male != male)
                {
                    reader.Error(Gender, LedgerErrorCodes.Inconsistent,
                        $"{Gender} {(g == Domain.Gender.Male ? "男" : "女")} does not match {IdNumber} (its 17th digit is odd for men, even for women).");
                }
            }

            if (birthDate is { } born && joinedOn is { } joined && joined < born.AddYears(18))
            {
                reader.Error(JoinedOn, LedgerErrorCodes.Inconsistent, $"{JoinedOn} {joined:yyyy-MM-dd} is before the member's 18th birthday.");
            }

            if (name is null || gender is null || idNumber is null || birthDate is null || phone is null || joinedOn is null
                || organizationId is null || category is null)
            {
                continue;
            }

            lines.Add(record.Row);
            parsed.Add(new PartyMember
            {
                Name = name, Gender = gender.Value, IdNumber = idNumber, BirthDate = birthDate.Value, Phone = phone,
                JoinedOn = joinedOn.Value, OrganizationId = organizationId.Value, Category = category.Value,
                IsStarMember = star, IsCadre = cadre,
            });
        }

        if (anyErrors())
        {
            return LedgerCounts.None;
        }

        var existing = new Dictionary<string, PartyMember>(StringComparer.Ordinal);
        foreach (var chunk in parsed.Select(m => m.IdNumber).Chunk(500))
        {
            foreach (var member in await db.PartyMembers.Where(m => chunk.Contains(m.IdNumber)).ToListAsync(cancellationToken))
            {
                existing[member.IdNumber] = member;
            }
        }

        var inserted = 0;
        var matched = new List<(int, PartyMember)>();
        foreach (var (row, line) in parsed.Zip(lines))
        {
            if (existing.TryGetValue(row.IdNumber, out var member))
            {
                matched.Add((line, member));
                // The ledger is the office's record: every column it carries overwrites the stored value.
                member.Name = row.Name;
                member.Gender = row.Gender;
                member.BirthDate = row.BirthDate;
                member.Phone = row.Phone;
                member.JoinedOn = row.JoinedOn;
                member.OrganizationId = row.OrganizationId;
                member.Category = row.Category;
                member.IsStarMember = row.IsStarMember;
                member.IsCadre = row.IsCadre;
            }
            else
            {
                db.PartyMembers.Add(row);
                inserted++;
            }
        }

        return LedgerCounts.Of(db, inserted, matched);
    }

    private static string? ReadIdNumber(LedgerRowReader reader)
    {
        if (reader.Cell(IdNumber) is double)
        {
            reader.Error(IdNumber, LedgerErrorCodes.InvalidIdNumber,
                $"{IdNumber} is stored as a number, which loses its last digits: format the column as text (文本) and type it again.");
            return null;
        }

        var value = reader.Text(IdNumber, 18 + 2)?.ToUpperInvariant();
        if (value is null)
        {
            return null;
        }

        if (value.Length != 18 || value.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9') || !(char.IsAsciiDigit(value[17]) || value[17] == 'X')
            || !DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            reader.Error(IdNumber, LedgerErrorCodes.InvalidIdNumber,
                $"{IdNumber} {PersonalData.MaskIdNumber(value)} is not an 18-character ID number (17 digits with a birth date, then a digit or X).");
            return null;
        }

        if (IdentityCodes.IdCheckCharacter(value) != value[17])
        {
            reader.Error(IdNumber, LedgerErrorCodes.InvalidIdNumber,
                $"{IdNumber} {PersonalData.MaskIdNumber(value)} has a wrong check character: a digit was probably mistyped.");
            return null;
        }

        return value;
    }

    private static string? ReadPhone(LedgerRowReader reader)
    {
        var value = reader.Text(Phone, 11 + 9);
        if (value is null)
        {
            return null;
        }

        if (value.Length != 11 || value[0] != '1' || value.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            reader.Error(Phone, LedgerErrorCodes.InvalidPhone, $"{Phone} {PersonalData.MaskPhone(value)} is not an 11-digit mobile number.");
            return null;
        }

        return value;
    }
}
