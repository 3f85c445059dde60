namespace Analytics.Domain;

/// <summary>Masking of personal data (ID numbers, phones): shown only to roles allowed to see them, never in error
/// messages or logs. Shared by the API and the ledger import.</summary>
public static class PersonalData
{
    /// <summary>350481199001011234 → 350481********1234: the region prefix and last four stay.</summary>
    public static string MaskIdNumber(string idNumber) =>
        idNumber.Length <= 10 ? new string('*', idNumber.Length) : idNumber[..6] + new string('*', idNumber.Length - 10) + idNumber[^4..];

    /// <summary>13812345678 → 138****5678.</summary>
    public static string MaskPhone(string phone) =>
        phone.Length <= 7 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
}
