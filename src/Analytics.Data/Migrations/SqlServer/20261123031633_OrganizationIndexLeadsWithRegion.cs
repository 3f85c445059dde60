using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OrganizationIndexLeadsWithRegion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PartyOrganizations_Domain_Kind",
                table: "PartyOrganizations");

            migrationBuilder.DropIndex(
                name: "IX_PartyOrganizations_RegionId_Domain",
                table: "PartyOrganizations");

            migrationBuilder.CreateIndex(
                name: "IX_PartyOrganizations_RegionId_Domain_DissolvedOn",
                table: "PartyOrganizations",
                columns: new[] { "RegionId", "Domain", "DissolvedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PartyOrganizations_RegionId_Domain_DissolvedOn",
                table: "PartyOrganizations");

            migrationBuilder.CreateIndex(
                name: "IX_PartyOrganizations_Domain_Kind",
                table: "PartyOrganizations",
                columns: new[] { "Domain", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_PartyOrganizations_RegionId_Domain",
                table: "PartyOrganizations",
                columns: new[] { "RegionId", "Domain" });
        }
    }
}
