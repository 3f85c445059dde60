using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PairingNaturalKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Pairings_OrganizationId_Program_TargetEnterpriseId_From",
                table: "Pairings",
                columns: new[] { "OrganizationId", "Program", "TargetEnterpriseId", "From" },
                unique: true,
                filter: "[TargetEnterpriseId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_OrganizationId_Program_TargetProjectId_From",
                table: "Pairings",
                columns: new[] { "OrganizationId", "Program", "TargetProjectId", "From" },
                unique: true,
                filter: "[TargetProjectId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_OrganizationId_Program_TargetRegionId_From",
                table: "Pairings",
                columns: new[] { "OrganizationId", "Program", "TargetRegionId", "From" },
                unique: true,
                filter: "[TargetRegionId] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Pairings_OrganizationId_Program_TargetEnterpriseId_From",
                table: "Pairings");

            migrationBuilder.DropIndex(
                name: "IX_Pairings_OrganizationId_Program_TargetProjectId_From",
                table: "Pairings");

            migrationBuilder.DropIndex(
                name: "IX_Pairings_OrganizationId_Program_TargetRegionId_From",
                table: "Pairings");
        }
    }
}
