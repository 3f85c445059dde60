using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CoveringCountIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PartyMembers_OrganizationId_Category",
                table: "PartyMembers");

            migrationBuilder.DropIndex(
                name: "IX_Cases_RegionId_Status",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_PartyMembers_OrganizationId_Category_IsStarMember",
                table: "PartyMembers",
                columns: new[] { "OrganizationId", "Category", "IsStarMember" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_RegionId_Status_Satisfaction",
                table: "Cases",
                columns: new[] { "RegionId", "Status", "Satisfaction" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PartyMembers_OrganizationId_Category_IsStarMember",
                table: "PartyMembers");

            migrationBuilder.DropIndex(
                name: "IX_Cases_RegionId_Status_Satisfaction",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_PartyMembers_OrganizationId_Category",
                table: "PartyMembers",
                columns: new[] { "OrganizationId", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_RegionId_Status",
                table: "Cases",
                columns: new[] { "RegionId", "Status" });
        }
    }
}
