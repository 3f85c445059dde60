using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Analytics.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Regions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "varchar(20)", unicode: false, maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Level = table.Column<int>(type: "int", nullable: false),
                    ParentId = table.Column<int>(type: "int", nullable: true),
                    Path = table.Column<string>(type: "varchar(200)", unicode: false, maxLength: 200, nullable: false),
                    Households = table.Column<int>(type: "int", nullable: false),
                    Population = table.Column<int>(type: "int", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Regions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Regions_Regions_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CollectiveIncomes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    VillageId = table.Column<int>(type: "int", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    OperatingIncome = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    SelfOperatedIncome = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    TotalIncome = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollectiveIncomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CollectiveIncomes_Regions_VillageId",
                        column: x => x.VillageId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Grids",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Level = table.Column<int>(type: "int", nullable: false),
                    ParentId = table.Column<int>(type: "int", nullable: true),
                    RegionId = table.Column<int>(type: "int", nullable: false),
                    Households = table.Column<int>(type: "int", nullable: false),
                    Population = table.Column<int>(type: "int", nullable: false),
                    CreatedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Grids", x => x.Id);
                    table.CheckConstraint("CK_Grids_Level", "[Level] BETWEEN 1 AND 4");
                    table.ForeignKey(
                        name: "FK_Grids_Grids_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Grids_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncomeProjects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(150)", maxLength: 150, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    VillageId = table.Column<int>(type: "int", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Investment = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    AnnualIncome = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncomeProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncomeProjects_Regions_VillageId",
                        column: x => x.VillageId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Projects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(150)", maxLength: 150, nullable: false),
                    RegionId = table.Column<int>(type: "int", nullable: false),
                    Investment = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Projects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Projects_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartyOrganizations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(150)", maxLength: 150, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Domain = table.Column<int>(type: "int", nullable: false),
                    ParentId = table.Column<int>(type: "int", nullable: true),
                    RegionId = table.Column<int>(type: "int", nullable: false),
                    GridId = table.Column<int>(type: "int", nullable: true),
                    EstablishedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DissolvedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartyOrganizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartyOrganizations_Grids_GridId",
                        column: x => x.GridId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartyOrganizations_PartyOrganizations_ParentId",
                        column: x => x.ParentId,
                        principalTable: "PartyOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartyOrganizations_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Enterprises",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(150)", maxLength: 150, nullable: false),
                    CreditCode = table.Column<string>(type: "varchar(18)", unicode: false, maxLength: 18, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    RegionId = table.Column<int>(type: "int", nullable: false),
                    PartyOrganizationId = table.Column<int>(type: "int", nullable: true),
                    Employees = table.Column<int>(type: "int", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enterprises", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Enterprises_PartyOrganizations_PartyOrganizationId",
                        column: x => x.PartyOrganizationId,
                        principalTable: "PartyOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Enterprises_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartyMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Gender = table.Column<int>(type: "int", nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    JoinedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Category = table.Column<int>(type: "int", nullable: false),
                    IsStarMember = table.Column<bool>(type: "bit", nullable: false),
                    IsCadre = table.Column<bool>(type: "bit", nullable: false),
                    IdNumber = table.Column<string>(type: "char(18)", unicode: false, fixedLength: true, maxLength: 18, nullable: false),
                    Phone = table.Column<string>(type: "varchar(11)", unicode: false, maxLength: 11, nullable: false),
                    OrganizationId = table.Column<int>(type: "int", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartyMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartyMembers_PartyOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "PartyOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StarRatings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganizationId = table.Column<int>(type: "int", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Score = table.Column<decimal>(type: "decimal(5,2)", precision: 5, scale: 2, nullable: false),
                    Stars = table.Column<int>(type: "int", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StarRatings", x => x.Id);
                    table.CheckConstraint("CK_StarRatings_Stars", "[Stars] BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_StarRatings_PartyOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "PartyOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Pairings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Program = table.Column<int>(type: "int", nullable: false),
                    OrganizationId = table.Column<int>(type: "int", nullable: false),
                    TargetKind = table.Column<int>(type: "int", nullable: false),
                    TargetRegionId = table.Column<int>(type: "int", nullable: true),
                    TargetEnterpriseId = table.Column<int>(type: "int", nullable: true),
                    TargetProjectId = table.Column<int>(type: "int", nullable: true),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pairings", x => x.Id);
                    table.CheckConstraint("CK_Pairings_Target", "([TargetKind] IN (1, 2) AND [TargetRegionId] IS NOT NULL AND [TargetEnterpriseId] IS NULL AND [TargetProjectId] IS NULL) OR ([TargetKind] = 3 AND [TargetRegionId] IS NULL AND [TargetEnterpriseId] IS NOT NULL AND [TargetProjectId] IS NULL) OR ([TargetKind] = 4 AND [TargetRegionId] IS NULL AND [TargetEnterpriseId] IS NULL AND [TargetProjectId] IS NOT NULL)");
                    table.ForeignKey(
                        name: "FK_Pairings_Enterprises_TargetEnterpriseId",
                        column: x => x.TargetEnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Pairings_PartyOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "PartyOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Pairings_Projects_TargetProjectId",
                        column: x => x.TargetProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Pairings_Regions_TargetRegionId",
                        column: x => x.TargetRegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CommunityRegistrations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MemberId = table.Column<int>(type: "int", nullable: false),
                    CommunityId = table.Column<int>(type: "int", nullable: false),
                    DueFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ActivitiesAttended = table.Column<int>(type: "int", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityRegistrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommunityRegistrations_PartyMembers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "PartyMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CommunityRegistrations_Regions_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GridStewards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    GridId = table.Column<int>(type: "int", nullable: false),
                    PersonName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    MemberId = table.Column<int>(type: "int", nullable: true),
                    Employment = table.Column<int>(type: "int", nullable: false),
                    IsCadre = table.Column<bool>(type: "bit", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GridStewards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GridStewards_Grids_GridId",
                        column: x => x.GridId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GridStewards_PartyMembers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "PartyMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MicroWishes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RegionId = table.Column<int>(type: "int", nullable: false),
                    Beneficiary = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    PostedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    VerifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClaimedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FulfilledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PublicizedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClaimedByMemberId = table.Column<int>(type: "int", nullable: true),
                    ClaimedByOrganizationId = table.Column<int>(type: "int", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MicroWishes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MicroWishes_PartyMembers_ClaimedByMemberId",
                        column: x => x.ClaimedByMemberId,
                        principalTable: "PartyMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MicroWishes_PartyOrganizations_ClaimedByOrganizationId",
                        column: x => x.ClaimedByOrganizationId,
                        principalTable: "PartyOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MicroWishes_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Activities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    OrganizationId = table.Column<int>(type: "int", nullable: false),
                    RegionId = table.Column<int>(type: "int", nullable: false),
                    GridId = table.Column<int>(type: "int", nullable: true),
                    PairingId = table.Column<int>(type: "int", nullable: true),
                    Participants = table.Column<int>(type: "int", nullable: false),
                    CadreCount = table.Column<int>(type: "int", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Activities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Activities_Grids_GridId",
                        column: x => x.GridId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_Pairings_PairingId",
                        column: x => x.PairingId,
                        principalTable: "Pairings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_PartyOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "PartyOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RegionId = table.Column<int>(type: "int", nullable: false),
                    GridId = table.Column<int>(type: "int", nullable: true),
                    Channel = table.Column<int>(type: "int", nullable: false),
                    Category = table.Column<int>(type: "int", nullable: false),
                    Reporter = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ClassifiedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    FeedbackAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    EvaluatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AssignedOrganizationId = table.Column<int>(type: "int", nullable: true),
                    ActivityId = table.Column<int>(type: "int", nullable: true),
                    Satisfaction = table.Column<int>(type: "int", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                    table.CheckConstraint("CK_Cases_Satisfaction", "[Satisfaction] IS NULL OR [Satisfaction] BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_Cases_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Grids_GridId",
                        column: x => x.GridId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_PartyOrganizations_AssignedOrganizationId",
                        column: x => x.AssignedOrganizationId,
                        principalTable: "PartyOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_GridId",
                table: "Activities",
                column: "GridId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_Kind_Date",
                table: "Activities",
                columns: new[] { "Kind", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_OrganizationId",
                table: "Activities",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_PairingId",
                table: "Activities",
                column: "PairingId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_RegionId_Kind_Date",
                table: "Activities",
                columns: new[] { "RegionId", "Kind", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_UpdatedAt",
                table: "Activities",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ActivityId",
                table: "Cases",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssignedOrganizationId",
                table: "Cases",
                column: "AssignedOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Channel_Status",
                table: "Cases",
                columns: new[] { "Channel", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Code",
                table: "Cases",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_GridId",
                table: "Cases",
                column: "GridId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_RegionId_Status",
                table: "Cases",
                columns: new[] { "RegionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ReportedAt",
                table: "Cases",
                column: "ReportedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ResolvedAt",
                table: "Cases",
                column: "ResolvedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_UpdatedAt",
                table: "Cases",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveIncomes_UpdatedAt",
                table: "CollectiveIncomes",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveIncomes_VillageId_Year",
                table: "CollectiveIncomes",
                columns: new[] { "VillageId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveIncomes_Year",
                table: "CollectiveIncomes",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityRegistrations_CommunityId_RegisteredOn",
                table: "CommunityRegistrations",
                columns: new[] { "CommunityId", "RegisteredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CommunityRegistrations_MemberId",
                table: "CommunityRegistrations",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityRegistrations_UpdatedAt",
                table: "CommunityRegistrations",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_CreditCode",
                table: "Enterprises",
                column: "CreditCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_PartyOrganizationId",
                table: "Enterprises",
                column: "PartyOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_RegionId_Kind",
                table: "Enterprises",
                columns: new[] { "RegionId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_UpdatedAt",
                table: "Enterprises",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Grids_Code",
                table: "Grids",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Grids_ParentId",
                table: "Grids",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Grids_RegionId_Level",
                table: "Grids",
                columns: new[] { "RegionId", "Level" });

            migrationBuilder.CreateIndex(
                name: "IX_Grids_UpdatedAt",
                table: "Grids",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_GridStewards_GridId_From",
                table: "GridStewards",
                columns: new[] { "GridId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_GridStewards_MemberId",
                table: "GridStewards",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_GridStewards_UpdatedAt",
                table: "GridStewards",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IncomeProjects_UpdatedAt",
                table: "IncomeProjects",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IncomeProjects_VillageId_Year",
                table: "IncomeProjects",
                columns: new[] { "VillageId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_MicroWishes_ClaimedByMemberId",
                table: "MicroWishes",
                column: "ClaimedByMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MicroWishes_ClaimedByOrganizationId",
                table: "MicroWishes",
                column: "ClaimedByOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_MicroWishes_PostedOn",
                table: "MicroWishes",
                column: "PostedOn");

            migrationBuilder.CreateIndex(
                name: "IX_MicroWishes_RegionId_Status",
                table: "MicroWishes",
                columns: new[] { "RegionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MicroWishes_UpdatedAt",
                table: "MicroWishes",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_OrganizationId_Program_TargetKind",
                table: "Pairings",
                columns: new[] { "OrganizationId", "Program", "TargetKind" });

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_TargetEnterpriseId",
                table: "Pairings",
                column: "TargetEnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_TargetProjectId",
                table: "Pairings",
                column: "TargetProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_TargetRegionId",
                table: "Pairings",
                column: "TargetRegionId");

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_UpdatedAt",
                table: "Pairings",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PartyMembers_IdNumber",
                table: "PartyMembers",
                column: "IdNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartyMembers_OrganizationId_Category",
                table: "PartyMembers",
                columns: new[] { "OrganizationId", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_PartyMembers_UpdatedAt",
                table: "PartyMembers",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PartyOrganizations_Domain_Kind",
                table: "PartyOrganizations",
                columns: new[] { "Domain", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_PartyOrganizations_GridId",
                table: "PartyOrganizations",
                column: "GridId");

            migrationBuilder.CreateIndex(
                name: "IX_PartyOrganizations_ParentId",
                table: "PartyOrganizations",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_PartyOrganizations_RegionId_Domain",
                table: "PartyOrganizations",
                columns: new[] { "RegionId", "Domain" });

            migrationBuilder.CreateIndex(
                name: "IX_PartyOrganizations_UpdatedAt",
                table: "PartyOrganizations",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_RegionId",
                table: "Projects",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_UpdatedAt",
                table: "Projects",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Regions_Code",
                table: "Regions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Regions_Level_Name",
                table: "Regions",
                columns: new[] { "Level", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Regions_ParentId",
                table: "Regions",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Regions_Path",
                table: "Regions",
                column: "Path");

            migrationBuilder.CreateIndex(
                name: "IX_Regions_UpdatedAt",
                table: "Regions",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_StarRatings_OrganizationId_Year",
                table: "StarRatings",
                columns: new[] { "OrganizationId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StarRatings_UpdatedAt",
                table: "StarRatings",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_StarRatings_Year_Stars",
                table: "StarRatings",
                columns: new[] { "Year", "Stars" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Cases");

            migrationBuilder.DropTable(
                name: "CollectiveIncomes");

            migrationBuilder.DropTable(
                name: "CommunityRegistrations");

            migrationBuilder.DropTable(
                name: "GridStewards");

            migrationBuilder.DropTable(
                name: "IncomeProjects");

            migrationBuilder.DropTable(
                name: "MicroWishes");

            migrationBuilder.DropTable(
                name: "StarRatings");

            migrationBuilder.DropTable(
                name: "Activities");

            migrationBuilder.DropTable(
                name: "PartyMembers");

            migrationBuilder.DropTable(
                name: "Pairings");

            migrationBuilder.DropTable(
                name: "Enterprises");

            migrationBuilder.DropTable(
                name: "Projects");

            migrationBuilder.DropTable(
                name: "PartyOrganizations");

            migrationBuilder.DropTable(
                name: "Grids");

            migrationBuilder.DropTable(
                name: "Regions");
        }
    }
}
