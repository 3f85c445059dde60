using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RegionGridValidity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Regions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidTo",
                table: "Regions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidTo",
                table: "Grids",
                type: "date",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_Regions_Validity",
                table: "Regions",
                sql: "[ValidFrom] IS NULL OR [ValidTo] IS NULL OR [ValidTo] >= [ValidFrom]");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Grids_Validity",
                table: "Grids",
                sql: "[ValidTo] IS NULL OR [ValidTo] >= [CreatedOn]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_Regions_Validity",
                table: "Regions");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Grids_Validity",
                table: "Grids");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "Regions");

            migrationBuilder.DropColumn(
                name: "ValidTo",
                table: "Regions");

            migrationBuilder.DropColumn(
                name: "ValidTo",
                table: "Grids");
        }
    }
}
