#!/usr/bin/env bash
# Runs once when the workshop container is created (and works on any machine with the .NET 10 SDK):
# build, check the environment, pre-fetch packages. An attendee sees CPU or CUDA, and any problem, at once.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Building the course (TorchSharp backend: cuda when an NVIDIA driver is visible, else cpu)"
dotnet build NotebookCourse.sln --nologo

echo
echo "== Checking the environment (course doctor)"
if ! dotnet src/Course/bin/course.dll doctor; then
  echo "course doctor reported a FAIL above: apply its fix, or see README, 'Native library loading'." >&2
  exit 1
fi

echo
echo "== Pre-fetching the package Polyglot Notebooks loads in each lesson (DataFrames shown as tables)"
# Best effort: offline the lessons still run headless, and Polyglot fetches it on first use.
prefetch=$(mktemp -d)
trap 'rm -rf "$prefetch"' EXIT
cat > "$prefetch/prefetch.csproj" <<'PROJECT'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageReference Include="Microsoft.Data.Analysis" Version="0.23.1" /></ItemGroup>
</Project>
PROJECT
if dotnet restore "$prefetch/prefetch.csproj" --nologo -v q >/dev/null 2>&1; then
  echo "Microsoft.Data.Analysis 0.23.1 is in the local NuGet cache."
else
  echo "Could not pre-fetch Microsoft.Data.Analysis 0.23.1 (offline, or the package source lacks it); Polyglot fetches it on first use."
fi

echo
echo "Ready. Open notebooks/00-setup-check.ipynb, or run every lesson headless:"
echo "  dotnet run --project src/Course -- run notebooks"
