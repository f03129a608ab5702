// Interface text for the targets screens (Vietnamese first; English has the same keys).
export const targetsVi = {
};

export const targetsEn: typeof targetsVi = {
};
